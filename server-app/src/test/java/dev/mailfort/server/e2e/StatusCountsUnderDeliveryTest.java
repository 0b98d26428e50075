/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A mailbox receiving a steady flow of messages (four clients appending) while a fifth polls STATUS, as mail clients
 * do for their unread counts, ends with exactly the messages added, all unread. James's random read repair of the
 * counters, triggered by those very STATUS commands, recomputed them while messages kept coming and could leave them
 * short for good: the benchmark's delivery watcher once waited forever for the last messages.
 */
class StatusCountsUnderDeliveryTest {
    private static final int WRITERS = 4;
    private static final int MESSAGES_PER_WRITER = 150;
    private static final int MESSAGES = WRITERS * MESSAGES_PER_WRITER;
    /** Twenty times as often as the benchmark's watcher (100 ms): each STATUS could start James's random repair. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @Test
    void statusCountsEveryMessageAddedWhileAClientPolledIt() throws Exception {
        server.webAdmin().addDomain("example.com");
        MailUser user = MailUser.create(server, "polled", "example.com");
        AtomicBoolean adding = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try (LineDialogue poller = ImapSessions.loggedIn(server, user)) {
            Future<?> polling = threads.submit(() -> {
                while (adding.get()) {
                    status(poller);
                    Thread.sleep(POLL_INTERVAL.toMillis());
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer * MESSAGES_PER_WRITER;
                writers.add(threads.submit(() -> {
                    try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
                        for (int number = first; number < first + MESSAGES_PER_WRITER; number++) {
                            ImapSessions.append(imap, "a" + number, "INBOX", "Subject: message " + number
                                + "\r\nMessage-ID: <" + number + ".status@example.com>\r\n\r\nbody\r\n");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            adding.set(false);
            polling.get();
            // Let a recomputation that a last STATUS started finish before the counts are read.
            Thread.sleep(2_000);

            assertThat(status(poller)).contains("MESSAGES " + MESSAGES + " UNSEEN " + MESSAGES);
        } finally {
            adding.set(false);
            threads.shutdownNow();
        }
    }

    private static String status(LineDialogue imap) {
        return String.join("\n", imap.send("s STATUS INBOX (MESSAGES UNSEEN)").readUntil("s "));
    }
}
