/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapClientView;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * Ten IMAP clients pipelining FETCH, STORE, APPEND with LITERAL+ ({@code {n+}}), UID STORE, EXPUNGE and NOOP for a
 * while (issue 12: 60 seconds, {@code -Dmailfort.imap.load.seconds=N} to change it). Three of them share one mailbox
 * and the others have one each ({@code -Dmailfort.imap.load.sharedClients=N} to change how many share it, 0 for none):
 * parallel APPENDs to one mailbox once made their messages visible to the other sessions out of UID order, and James
 * 3.8.1 then renumbered a message the client already knew (fixed by {@code PerMailboxWriteLocker}). The run must end
 * with no protocol error (no BAD, no NO, no dropped connection, no response that does not fit a client's view of its
 * mailbox, see {@link ImapClientView}) and with every message accounted for by Message-ID: what was appended minus
 * what the clients deliberately expunged is what is left.
 */
class ImapPipelinedLoadTest {
    private static final int CLIENTS = 10;
    /** How many of the clients share one mailbox ({@code -Dmailfort.imap.load.sharedClients=N}, 3 by default). */
    private static final int CLIENTS_ON_THE_SHARED_MAILBOX = Integer.getInteger("mailfort.imap.load.sharedClients", 3);
    private static final String SHARED = "shared";
    private static final Pattern APPENDUID = Pattern.compile("^(\\S+) OK \\[APPENDUID \\d+ (\\d+)\\] .*");
    private static final Pattern MESSAGE_ID = Pattern.compile("^Message-ID: (<[^>]+>)$", Pattern.CASE_INSENSITIVE);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @Test
    void tenPipeliningClientsEndWithoutProtocolErrorAndWithEveryMessageAccountedFor() throws Exception {
        MailUser user = MailUser.create(server, "load", "example.com");
        Duration duration = Duration.ofSeconds(Long.getLong("mailfort.imap.load.seconds", 60));
        List<String> mailboxes = IntStream.range(0, CLIENTS).mapToObj(ImapPipelinedLoadTest::mailboxOf).distinct().toList();
        try (LineDialogue setup = ImapSessions.loggedIn(server, user)) {
            mailboxes.forEach(mailbox -> assertThat(setup.imap("C", "CREATE " + mailbox)).startsWith("C OK "));
        }

        List<LoadClient> clients = new ArrayList<>();
        for (int n = 0; n < CLIENTS; n++) {
            clients.add(new LoadClient(n, mailboxOf(n), ImapSessions.loggedIn(server, user)));
        }
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            clients.forEach(client -> running.add(executor.submit(() -> client.runUntil(deadline))));
            for (Future<?> client : running) {
                client.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
            clients.forEach(LoadClient::close);
        }

        Map<String, Integer> expected = new TreeMap<>();
        clients.forEach(client -> client.remaining().forEach(id -> expected.merge(id, 1, Integer::sum)));
        Map<String, Integer> found = new TreeMap<>();
        try (LineDialogue check = ImapSessions.loggedIn(server, user)) {
            for (String mailbox : mailboxes) {
                messageIdsIn(check, mailbox).forEach(id -> found.merge(id, 1, Integer::sum));
            }
        }
        List<String> errors = clients.stream().flatMap(client -> client.errors().stream()).toList();
        System.out.printf("IMAP pipelined load: %d clients (%d on one shared mailbox), %d s: %d commands, %d appends, "
                + "%d deliberate expunges, "
                + "%d EXPUNGE responses, %d messages left, %d protocol errors%n",
            CLIENTS, CLIENTS_ON_THE_SHARED_MAILBOX, duration.toSeconds(), sum(clients, LoadClient::commands),
            sum(clients, LoadClient::appends),
            sum(clients, LoadClient::deletions), sum(clients, LoadClient::expungeResponses),
            found.values().stream().mapToInt(Integer::intValue).sum(), errors.size());
        errors.stream().limit(20).forEach(error -> System.out.println("  protocol error: " + error));

        assertThat(errors).as("protocol errors").isEmpty();
        assertThat(sum(clients, LoadClient::appends)).as("appends").isPositive();
        assertThat(sum(clients, LoadClient::deletions)).as("deliberate expunges").isPositive();
        assertThat(found).as("Message-IDs left on the server, each with its count").isEqualTo(expected);
    }

    private static String mailboxOf(int client) {
        return client < CLIENTS - CLIENTS_ON_THE_SHARED_MAILBOX ? "own-" + client : SHARED;
    }

    private static long sum(List<LoadClient> clients, java.util.function.ToLongFunction<LoadClient> count) {
        return clients.stream().mapToLong(count).sum();
    }

    private static List<String> messageIdsIn(LineDialogue imap, String mailbox) {
        assertThat(imap.imap("X", "EXAMINE " + mailbox)).startsWith("X OK ");
        List<String> answer = ImapSessions.exchange(imap, "F", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
        assertThat(answer.get(answer.size() - 1)).matches("F (OK .*|NO .*[Ee]mpty.*|BAD .*)");
        return answer.stream().map(MESSAGE_ID::matcher).filter(Matcher::matches).map(matcher -> matcher.group(1)).toList();
    }

    /** One pipelining client: a session, its view of its selected mailbox and the count of what it did. */
    private static final class LoadClient {
        private final int number;
        private final String mailbox;
        private final LineDialogue imap;
        private final ImapClientView view = new ImapClientView();
        /** Message-ID of each message this client appended and has not deleted, by UID, oldest first. */
        private final TreeMap<Long, String> ownLive = new TreeMap<>();
        private final List<String> errors = new ArrayList<>();
        private long commands;
        private long appends;
        private long deletions;
        private long expungeResponses;
        private int sequence;

        LoadClient(int number, String mailbox, LineDialogue imap) {
            this.number = number;
            this.mailbox = mailbox;
            this.imap = imap;
        }

        void runUntil(long deadline) {
            try {
                List<String> selected = ImapSessions.exchange(imap, "S", "SELECT " + mailbox);
                view.apply(selected);
                check(List.of(selected.get(selected.size() - 1)));
                while (System.nanoTime() < deadline) {
                    round();
                }
            } catch (RuntimeException e) {
                errors.add("client " + number + ": connection lost or unreadable: " + e);
            }
            errors.addAll(view.violations().stream().map(violation -> "client " + number + ": " + violation).toList());
        }

        /**
         * One pipelined batch: commands by sequence number first (APPEND may bring EXPUNGE responses that renumber
         * the messages), then two LITERAL+ appends, then one of this client's messages deleted by UID and expunged.
         */
        private void round() {
            StringBuilder batch = new StringBuilder();
            List<String> tags = new ArrayList<>();
            int count = view.messageCount();
            if (count > 0) {
                int low = Math.max(1, count - 4);
                add(batch, tags, "FETCH " + low + ":* (UID FLAGS)");
                add(batch, tags, "STORE " + low + " +FLAGS (\\Flagged)");
                add(batch, tags, "FETCH " + count + " (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
            }
            Map<String, String> appended = new TreeMap<>();
            for (String flags : List.of("", "(\\Seen) ")) {
                String messageId = "<load-" + number + "-" + ++sequence + "@example.org>";
                String message = message(messageId);
                String tag = add(batch, tags, "APPEND " + mailbox + " " + flags + "{"
                    + message.getBytes(StandardCharsets.US_ASCII).length + "+}\r\n" + message);
                appended.put(tag, messageId);
            }
            Map.Entry<Long, String> deleted = ownLive.size() > 2 ? ownLive.firstEntry() : null;
            String deleteTag = null;
            if (deleted != null) {
                deleteTag = add(batch, tags, "UID STORE " + deleted.getKey() + " +FLAGS.SILENT (\\Deleted)");
                add(batch, tags, "EXPUNGE");
            }
            add(batch, tags, "NOOP");
            batch.setLength(batch.length() - 2);

            List<String> answer = imap.send(batch.toString()).readUntil(tags.get(tags.size() - 1) + " ");
            commands += tags.size();
            view.apply(answer);
            expungeResponses += answer.stream().filter(line -> line.startsWith("* ") && line.endsWith(" EXPUNGE")).count();
            List<String> tagged = answer.stream().filter(line -> tags.stream().anyMatch(tag -> line.startsWith(tag + " "))).toList();
            check(tagged);
            if (tagged.size() != tags.size()) {
                errors.add("client " + number + ": " + tags.size() + " commands, " + tagged.size() + " tagged answers: " + answer);
            }
            for (String line : tagged) {
                Matcher appendUid = APPENDUID.matcher(line);
                if (appendUid.matches() && appended.containsKey(appendUid.group(1))) {
                    ownLive.put(Long.parseLong(appendUid.group(2)), appended.get(appendUid.group(1)));
                    appends++;
                }
                if (deleteTag != null && line.startsWith(deleteTag + " OK ")) {
                    ownLive.remove(deleted.getKey());
                    deletions++;
                }
            }
        }

        private String add(StringBuilder batch, List<String> tags, String command) {
            String tag = "c" + number + "-" + tags.size() + "-" + sequence;
            tags.add(tag);
            batch.append(tag).append(' ').append(command).append("\r\n");
            return tag;
        }

        private void check(List<String> tagged) {
            tagged.stream().filter(line -> !line.matches("\\S+ OK .*"))
                .forEach(line -> errors.add("client " + number + ": " + line));
        }

        private String message(String messageId) {
            return "From: loader@example.org\r\nTo: someone@example.com\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\nSubject: load " + messageId + "\r\n\r\nBody of " + messageId + "\r\n";
        }

        List<String> remaining() {
            return List.copyOf(ownLive.values());
        }

        List<String> errors() {
            return errors;
        }

        long commands() {
            return commands;
        }

        long appends() {
            return appends;
        }

        long deletions() {
            return deletions;
        }

        long expungeResponses() {
            return expungeResponses;
        }

        void close() {
            imap.close();
        }
    }
}
