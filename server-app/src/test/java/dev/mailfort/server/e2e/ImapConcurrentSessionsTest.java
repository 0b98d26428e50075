/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapClientView;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * Two or three IMAP sessions on one mailbox (issue 12, item 6): expunges from both at once, expunges in one while the
 * other fetches and stores by sequence number, a message appended and keywords set by one session, messages appended
 * by two sessions in parallel while a third one watches. Every answer is applied to each client's view
 * ({@link ImapClientView}): no response may name a sequence number the client does not know, give a known sequence
 * number another UID, or carry in FETCH a keyword that no FLAGS response announced (RFC 9051 7.3.1, 7.4.1, 7.5.2).
 *
 * <p>The expunge tests passed on James 3.8.1 with Cassandra before any correction: they stay as regression tests. The
 * keyword-before-FLAGS tests failed before {@code AnnouncedBeforeFetchProcessor}; FETCH before EXISTS was first seen
 * under {@code ImapPipelinedLoadTest}. The parallel APPEND test failed (known messages renumbered, a few times in 200
 * appends) before {@code PerMailboxWriteLocker}.
 */
class ImapConcurrentSessionsTest {
    private static final String SYSTEM_FLAGS = "\\Answered \\Deleted \\Draft \\Flagged \\Seen";
    private static final int PARALLEL_APPEND_BATCHES = 20;
    private static final int PARALLEL_APPEND_BATCH_SIZE = 5;

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "concurrent", "example.com");
    }

    @Test
    void expungeOfTheSameMessagesFromTwoSessionsAtOnceIsAnsweredOnceInEachSession() {
        append(6);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            ImapClientView viewB = select(b);
            List<Long> initial = viewA.uids();
            assertThat(command(a, viewA, "A1", "STORE 2,4 +FLAGS.SILENT (\\Deleted)")).isEqualTo("A1 OK STORE completed.");

            a.send("A2 EXPUNGE");
            b.send("B2 EXPUNGE");
            List<String> answerA = new ArrayList<>(a.readUntil("A2 "));
            List<String> answerB = new ArrayList<>(b.readUntil("B2 "));
            answerA.addAll(ImapSessions.exchange(a, "A3", "NOOP"));
            answerB.addAll(ImapSessions.exchange(b, "B3", "NOOP"));
            viewA.apply(answerA);
            viewB.apply(answerB);

            assertThat(answerA).contains("A2 OK EXPUNGE completed.", "A3 OK NOOP completed.");
            assertThat(answerB).contains("B2 OK EXPUNGE completed.", "B3 OK NOOP completed.");
            assertThat(expunges(answerA)).as("session A heard: %s", answerA).containsExactly("* 2 EXPUNGE", "* 3 EXPUNGE");
            assertThat(expunges(answerB)).as("session B heard: %s", answerB).containsExactly("* 2 EXPUNGE", "* 3 EXPUNGE");
            List<Long> remaining = List.of(initial.get(0), initial.get(2), initial.get(4), initial.get(5));
            assertRightViews(remaining, viewA, viewB);
            assertThat(uidsOnServer(a, "A4")).containsExactlyElementsOf(remaining);
        }
    }

    @Test
    void repeatedExpungesOfTheSameMessageFromTwoSessionsKeepBothViewsRight() {
        append(12);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            ImapClientView viewB = select(b);
            List<Long> expected = new ArrayList<>(viewA.uids());
            List<String> tagged = new ArrayList<>();

            for (int round = 0; round < 8; round++) {
                long uid = expected.remove(round % expected.size());
                a.send("A" + round + " UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)");
                b.send("B" + round + " UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)");
                a.send("AX" + round + " EXPUNGE");
                b.send("BX" + round + " EXPUNGE");
                List<String> answerA = a.readUntil("AX" + round + " ");
                List<String> answerB = b.readUntil("BX" + round + " ");
                viewA.apply(answerA);
                viewB.apply(answerB);
                tagged.addAll(taggedLines(answerA));
                tagged.addAll(taggedLines(answerB));
            }
            viewA.apply(ImapSessions.exchange(a, "AN", "NOOP"));
            viewB.apply(ImapSessions.exchange(b, "BN", "NOOP"));

            assertThat(tagged).hasSize(32).allSatisfy(line -> assertThat(line).matches("[AB]X?\\d+ OK (STORE|EXPUNGE) completed\\."));
            assertRightViews(expected, viewA, viewB);
            assertThat(uidsOnServer(a, "AU")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void expungesInOneSessionWhileTheOtherFetchesAndStoresBySequenceNumberKeepItsViewRight() throws Exception {
        append(15);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            ImapClientView viewB = select(b);
            List<Long> expected = new ArrayList<>(viewA.uids());
            List<String> notOk = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicBoolean expunging = new AtomicBoolean(true);

            CompletableFuture<Void> expunger = CompletableFuture.runAsync(() -> {
                try {
                    for (int round = 0; round < 10; round++) {
                        // The first message in A's view, then a message from the middle: B's numbers shift both ways.
                        int msn = round % 2 == 0 ? 1 : viewA.messageCount() / 2;
                        expected.remove(viewA.uids().get(msn - 1));
                        recordNotOk(notOk, command(a, viewA, "A" + round, "STORE " + msn + " +FLAGS.SILENT (\\Deleted)"));
                        recordNotOk(notOk, command(a, viewA, "AX" + round, "EXPUNGE"));
                    }
                } finally {
                    expunging.set(false);
                }
            });
            int round = 0;
            while (expunging.get() || round < 3) {
                int last = viewB.messageCount();
                b.send("B" + round + " FETCH 1:* (UID FLAGS)\r\n"
                    + "BS" + round + " STORE " + last + " +FLAGS (\\Seen)\r\n"
                    + "BF" + round + " FETCH " + Math.max(1, last - 1) + " (UID)");
                List<String> answer = b.readUntil("BF" + round + " ");
                viewB.apply(answer);
                taggedLines(answer).forEach(line -> recordNotOk(notOk, line));
                round++;
            }
            expunger.get(60, TimeUnit.SECONDS);
            viewA.apply(ImapSessions.exchange(a, "AN", "NOOP"));
            viewB.apply(ImapSessions.exchange(b, "BN", "NOOP"));

            assertThat(notOk).as("tagged answers other than OK").isEmpty();
            assertRightViews(expected, viewA, viewB);
            assertThat(uidsOnServer(b, "BU")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void messageAppendedByAnotherSessionIsAnnouncedByExistsBeforeItsFetch() {
        append(2);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewB = select(b);
            String third = message(3);
            List<String> appended = ImapSessions.exchange(a, "A1", "APPEND INBOX {"
                + third.getBytes(StandardCharsets.US_ASCII).length + "+}\r\n" + third);
            assertThat(appended.get(appended.size() - 1)).startsWith("A1 OK [APPENDUID ");
            String uid = appended.get(appended.size() - 1).replaceAll("^A1 OK \\[APPENDUID \\d+ (\\d+)\\].*$", "$1");

            List<String> answer = ImapSessions.exchange(b, "B1", "FETCH 2:* (UID)");
            viewB.apply(answer);

            assertThat(answer).as("session B heard: %s", answer)
                .containsSubsequence("* 3 EXISTS", "* 3 FETCH (UID " + uid + ")", "B1 OK FETCH completed.");
            assertThat(answer.indexOf("* 3 EXISTS")).isLessThan(answer.indexOf("* 3 FETCH (UID " + uid + ")"));
            assertThat(viewB.violations()).isEmpty();
        }
    }

    @Test
    void keywordSetByAnotherSessionIsAnnouncedInFlagsBeforeTheFetchThatShowsIt() {
        append(2);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            ImapClientView viewB = select(b);
            assertThat(command(a, viewA, "A1", "STORE 1 +FLAGS.SILENT ($Custom)")).isEqualTo("A1 OK STORE completed.");

            List<String> answer = ImapSessions.exchange(b, "B1", "FETCH 1 (FLAGS)");
            viewB.apply(answer);

            assertThat(answer).as("session B heard: %s", answer).containsSubsequence(
                "* FLAGS (" + SYSTEM_FLAGS + " $Custom)",
                "* OK [PERMANENTFLAGS (" + SYSTEM_FLAGS + " $Custom \\*)] Limited",
                "* 1 FETCH (FLAGS ($Custom))",
                "B1 OK FETCH completed.");
            assertThat(answer.indexOf("* FLAGS (" + SYSTEM_FLAGS + " $Custom)"))
                .isLessThan(answer.indexOf("* 1 FETCH (FLAGS ($Custom))"));
            assertThat(viewB.violations()).isEmpty();
        }
    }

    @Test
    void keywordSetByAnotherSessionIsAnnouncedInFlagsBeforeTheUpdateSentOnNoop() {
        append(2);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            ImapClientView viewB = select(b);
            assertThat(command(a, viewA, "A1", "STORE 2 +FLAGS.SILENT ($Custom)")).isEqualTo("A1 OK STORE completed.");

            List<String> answer = ImapSessions.exchange(b, "B1", "NOOP");
            viewB.apply(answer);

            assertThat(answer).as("session B heard: %s", answer).containsExactly(
                "* FLAGS (" + SYSTEM_FLAGS + " $Custom)",
                "* OK [PERMANENTFLAGS (" + SYSTEM_FLAGS + " $Custom \\*)] Limited",
                "* 2 FETCH (FLAGS ($Custom))",
                "B1 OK NOOP completed.");
            assertThat(viewB.violations()).isEmpty();
        }
    }

    @Test
    void keywordNeverSeenBeforeIsAnnouncedToTheSessionStoringIt() {
        append(2);
        try (LineDialogue a = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);

            List<String> answer = ImapSessions.exchange(a, "A1", "STORE 1 +FLAGS ($Custom)");
            viewA.apply(answer);

            assertThat(answer).as("session A heard: %s", answer).containsExactly(
                "* FLAGS (" + SYSTEM_FLAGS + " $Custom)",
                "* OK [PERMANENTFLAGS (" + SYSTEM_FLAGS + " $Custom \\*)] Limited",
                "* 1 FETCH (FLAGS (\\Recent $Custom))",
                "A1 OK STORE completed.");
            assertThat(viewA.violations()).isEmpty();
        }
    }

    @Test
    void keywordsSetByAnotherSessionWhileThisOneFetchesAreAlwaysAnnouncedFirst() throws Exception {
        append(5);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            ImapClientView viewB = select(b);
            AtomicBoolean storing = new AtomicBoolean(true);
            CompletableFuture<Void> storer = CompletableFuture.runAsync(() -> {
                try {
                    for (int n = 0; n < 20; n++) {
                        command(a, viewA, "A" + n, "STORE " + (n % 5 + 1) + " +FLAGS.SILENT ($Key" + n + ")");
                    }
                } finally {
                    storing.set(false);
                }
            });
            int round = 0;
            while (storing.get() || round < 2) {
                viewB.apply(ImapSessions.exchange(b, "B" + round, round % 2 == 0 ? "FETCH 1:* (FLAGS)" : "NOOP"));
                round++;
            }
            storer.get(60, TimeUnit.SECONDS);
            viewB.apply(ImapSessions.exchange(b, "BN", "FETCH 1:* (FLAGS)"));

            assertThat(viewA.violations()).isEmpty();
            assertThat(viewB.violations()).isEmpty();
        }
    }

    @Test
    void messagesAppendedInParallelByTwoSessionsNeverRenumberWhatAThirdSessionKnows() throws Exception {
        append(2);
        try (LineDialogue a = ImapSessions.loggedIn(server, user); LineDialogue b = ImapSessions.loggedIn(server, user);
             LineDialogue c = ImapSessions.loggedIn(server, user)) {
            ImapClientView viewA = select(a);
            List<String> notOk = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicBoolean appending = new AtomicBoolean(true);
            CompletableFuture<Void> appenders = CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> appendInBatches(b, "B", 1000, notOk)),
                    CompletableFuture.runAsync(() -> appendInBatches(c, "C", 2000, notOk)))
                .whenComplete((done, failure) -> appending.set(false));

            // A learns the UID of each new message as soon as it is announced: a message inserted below one of them
            // later would give a known sequence number another UID.
            int round = 0;
            while (appending.get() || round < 2) {
                int low = Math.max(1, viewA.messageCount() - 9);
                a.send("A" + round + " NOOP\r\nAF" + round + " FETCH " + low + ":* (UID)");
                List<String> answer = a.readUntil("AF" + round + " ");
                viewA.apply(answer);
                taggedLines(answer).forEach(line -> recordNotOk(notOk, line));
                round++;
            }
            appenders.get(120, TimeUnit.SECONDS);
            viewA.apply(ImapSessions.exchange(a, "AN", "NOOP"));
            viewA.apply(ImapSessions.exchange(a, "AF", "FETCH 1:* (UID)"));

            assertThat(notOk).as("tagged answers other than OK").isEmpty();
            assertThat(viewA.violations()).as("responses that renumbered what session A knew").isEmpty();
            assertThat(viewA.uids()).hasSize(2 + 2 * PARALLEL_APPEND_BATCHES * PARALLEL_APPEND_BATCH_SIZE)
                .containsExactlyElementsOf(uidsOnServer(a, "AU"));
        }
    }

    private static void recordNotOk(List<String> notOk, String taggedLine) {
        if (!taggedLine.matches("\\S+ OK .*")) {
            notOk.add(taggedLine);
        }
    }

    private static void assertRightViews(List<Long> expected, ImapClientView... views) {
        for (ImapClientView view : views) {
            assertThat(view.violations()).isEmpty();
            assertThat(view.uids()).containsExactlyElementsOf(expected);
        }
    }

    /** SELECT INBOX, then the UID of every message, as a client starts its view of the mailbox. */
    private static ImapClientView select(LineDialogue imap) {
        ImapClientView view = new ImapClientView();
        List<String> selected = ImapSessions.exchange(imap, "S1", "SELECT INBOX");
        assertThat(selected.get(selected.size() - 1)).startsWith("S1 OK [READ-WRITE] ");
        view.apply(selected);
        view.apply(ImapSessions.exchange(imap, "S2", "FETCH 1:* (UID)"));
        assertThat(view.uids()).doesNotContainNull();
        return view;
    }

    /** Sends one command, applies its answer to the view and returns the tagged line. */
    private static String command(LineDialogue imap, ImapClientView view, String tag, String command) {
        List<String> answer = ImapSessions.exchange(imap, tag, command);
        view.apply(answer);
        return answer.get(answer.size() - 1);
    }

    private static List<Long> uidsOnServer(LineDialogue imap, String tag) {
        return ImapSessions.exchange(imap, tag, "UID SEARCH ALL").stream()
            .filter(line -> line.startsWith("* SEARCH"))
            .flatMap(line -> java.util.Arrays.stream(line.substring("* SEARCH".length()).trim().split(" ")))
            .filter(uid -> !uid.isEmpty())
            .map(Long::valueOf)
            .sorted()
            .toList();
    }

    private static List<String> expunges(List<String> answer) {
        return answer.stream().filter(line -> line.endsWith(" EXPUNGE") && line.startsWith("* ")).toList();
    }

    private static List<String> taggedLines(List<String> answer) {
        return answer.stream().filter(line -> !line.startsWith("* ")).toList();
    }

    /** Appends the messages with LITERAL+ in one pipelined write and checks that each was stored. */
    private void append(int count) {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            StringBuilder batch = new StringBuilder();
            for (int n = 1; n <= count; n++) {
                String message = message(n);
                batch.append("P").append(n).append(" APPEND INBOX {")
                    .append(message.getBytes(StandardCharsets.US_ASCII).length).append("+}\r\n").append(message)
                    .append(n < count ? "\r\n" : "");
            }
            List<String> answer = imap.send(batch.toString()).readUntil("P" + count + " ");
            assertThat(taggedLines(answer)).hasSize(count).allSatisfy(line -> assertThat(line).contains(" OK [APPENDUID "));
        }
    }

    /** Appends messages in pipelined LITERAL+ batches from one session, recording each answer that is not OK. */
    private void appendInBatches(LineDialogue imap, String tagPrefix, int firstNumber, List<String> notOk) {
        for (int batch = 0; batch < PARALLEL_APPEND_BATCHES; batch++) {
            StringBuilder commands = new StringBuilder();
            String last = null;
            for (int n = 0; n < PARALLEL_APPEND_BATCH_SIZE; n++) {
                String message = message(firstNumber + batch * PARALLEL_APPEND_BATCH_SIZE + n);
                last = tagPrefix + batch + "-" + n;
                commands.append(n > 0 ? "\r\n" : "").append(last).append(" APPEND INBOX {")
                    .append(message.getBytes(StandardCharsets.US_ASCII).length).append("+}\r\n").append(message);
            }
            taggedLines(imap.send(commands.toString()).readUntil(last + " ")).stream()
                .filter(line -> !line.contains(" OK [APPENDUID "))
                .forEach(notOk::add);
        }
    }

    private String message(int n) {
        return "From: sender@example.org\r\nTo: " + user.address() + "\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <concurrent-" + n + "-" + user.address() + ">\r\nSubject: message " + n + "\r\n\r\nBody "
            + n + "\r\n";
    }
}
