/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;

import dev.mailfort.server.cassandra.MailboxCounterRepairs;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A message stored while Cassandra refuses the write of its mailbox's counters is counted once Cassandra takes writes
 * again: STATUS, which clients use for their unread counts, is right within seconds instead of staying one short.
 *
 * <p>The refusal is real: the counters table is dropped while the message is appended, then created again (empty,
 * as after losing every counter). James's random read repair, which could also fix the count, is off in the
 * production {@code conf/cassandra.properties}, so only {@link MailboxCounterRepairs} can.
 */
class CountersRepairedAfterFailedWriteTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static CqlSession cassandra;

    @BeforeAll
    static void provisionAndConnect() {
        server.webAdmin().addDomain("example.com");
        cassandra = server.openKeyspaceSession();
    }

    @AfterAll
    static void disconnect() {
        if (cassandra != null) {
            cassandra.close();
        }
    }

    @Test
    void aMessageWhoseCounterWriteFailedIsCountedOnceCassandraTakesWritesAgain() {
        MailUser user = MailUser.create(server, "counted", "example.com");
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            append(imap, 1);
            append(imap, 2);
            assertThat(status(imap)).isEqualTo("* STATUS \"INBOX\" (MESSAGES 2 UNSEEN 2)");

            TableMetadata counters = cassandra.getMetadata().getKeyspace(server.cassandra().keyspace())
                .flatMap(keyspace -> keyspace.getTable("mailboxcounters")).orElseThrow();
            cassandra.execute("DROP TABLE " + counters.getKeyspace().asCql(true) + "." + counters.getName().asCql(true));
            append(imap, 3);
            cassandra.execute(counters.describe(false));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(status(imap)).isEqualTo("* STATUS \"INBOX\" (MESSAGES 3 UNSEEN 3)"));
        }
    }

    private static String status(LineDialogue imap) {
        return ImapSessions.exchange(imap, "T1", "STATUS INBOX (MESSAGES UNSEEN)").get(0);
    }

    /** Appends a message: stored and acknowledged even when its counter write fails. */
    private static void append(LineDialogue imap, int number) {
        String message = String.join("\r\n",
            "From: alice@example.org",
            "To: counted@example.com",
            "Subject: message " + number,
            "Date: Mon, 1 Jan 2024 10:00:00 +0000",
            "Message-ID: <repaired-" + number + "@example.org>",
            "",
            "body " + number,
            "");
        ImapSessions.append(imap, "A" + number, "INBOX", message);
    }
}
