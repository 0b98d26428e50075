/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A mailbox opened with EXAMINE stays as it was (RFC 3501 6.3.2, RFC 9051 6.3.3: no change to its permanent state,
 * per-user state included), as transcripts on 993. Reading a body does not set \Seen; STORE, EXPUNGE, UID EXPUNGE,
 * MOVE and UID MOVE are refused with {@code NO [READ-ONLY]}; CLOSE removes nothing (RFC 3501 6.4.2); COPY, which
 * leaves the source alone, still works.
 */
class ImapExamineReadOnlyTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final String MESSAGE = String.join("\r\n",
        "From: alice@example.org",
        "To: reader@example.com",
        "Subject: examined",
        "Date: Mon, 1 Jan 2024 10:00:00 +0000",
        "Message-ID: <examined@example.org>",
        "",
        "just looking",
        "");

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "reader", "example.com");
    }

    @Test
    void readingTheBodyOfAnExaminedMessageLeavesItUnseen() {
        try (LineDialogue imap = examinedWithOneMessage()) {
            List<String> answer = ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY[])");

            assertThat(answer.get(0)).isEqualTo("* 1 FETCH (BODY[] {" + length(MESSAGE) + "}");
            assertThat(answer).noneMatch(line -> line.contains("FLAGS")).last().isEqualTo("F1 OK FETCH completed.");
            assertThat(ImapSessions.exchange(imap, "F2", "FETCH 1 (FLAGS)"))
                .containsExactly("* 1 FETCH (FLAGS (\\Recent))", "F2 OK FETCH completed.");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    @Test
    void readingAnExaminedMessageWithRfc822ItemsLeavesItUnseen() {
        try (LineDialogue imap = examinedWithOneMessage()) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (RFC822.TEXT)"))
                .containsExactly("* 1 FETCH (RFC822.TEXT {14}", "just looking", ")", "F1 OK FETCH completed.");
            assertThat(ImapSessions.exchange(imap, "F2", "FETCH 1 (RFC822)"))
                .noneMatch(line -> line.contains("FLAGS")).last().isEqualTo("F2 OK FETCH completed.");
            assertThat(ImapSessions.exchange(imap, "F3", "UID FETCH 1:* (BODY[TEXT])"))
                .containsExactly("* 1 FETCH (UID 1 BODY[TEXT] {14}", "just looking", ")", "F3 OK FETCH completed.");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    @Test
    void storeInAnExaminedMailboxIsRefusedAndChangesNothing() {
        try (LineDialogue imap = examinedWithOneMessage()) {
            assertThat(ImapSessions.exchange(imap, "D1", "STORE 1 +FLAGS (\\Deleted)"))
                .containsExactly("D1 NO [READ-ONLY] STORE failed. Mailbox is read only.");
            assertThat(ImapSessions.exchange(imap, "D2", "UID STORE 1 +FLAGS.SILENT (\\Seen)"))
                .containsExactly("D2 NO [READ-ONLY] STORE failed. Mailbox is read only.");

            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (FLAGS)"))
                .containsExactly("* 1 FETCH (FLAGS (\\Recent))", "F1 OK FETCH completed.");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    @Test
    void expungeInAnExaminedMailboxIsRefusedAndRemovesNothing() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            appendOneMessage(imap);
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            assertThat(ImapSessions.exchange(imap, "D1", "STORE 1 +FLAGS.SILENT (\\Deleted)"))
                .containsExactly("D1 OK STORE completed.");
            assertThat(imap.imap("S2", "EXAMINE INBOX")).startsWith("S2 OK [READ-ONLY] ");

            assertThat(ImapSessions.exchange(imap, "E1", "EXPUNGE"))
                .containsExactly("E1 NO [READ-ONLY] EXPUNGE failed. Mailbox is read only.");
            assertThat(ImapSessions.exchange(imap, "E2", "UID EXPUNGE 1:*"))
                .containsExactly("E2 NO [READ-ONLY] EXPUNGE failed. Mailbox is read only.");
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1:* (UID)"))
                .containsExactly("* 1 FETCH (UID 1)", "F1 OK FETCH completed.");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    @Test
    void closingAnExaminedMailboxRemovesNothing() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            appendOneMessage(imap);
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            assertThat(ImapSessions.exchange(imap, "D1", "STORE 1 +FLAGS.SILENT (\\Deleted)"))
                .containsExactly("D1 OK STORE completed.");
            assertThat(imap.imap("S2", "EXAMINE INBOX")).startsWith("S2 OK [READ-ONLY] ");

            assertThat(ImapSessions.exchange(imap, "C1", "CLOSE")).containsExactly("C1 OK CLOSE completed.");
            // CLOSE leaves the selected state in any case.
            assertThat(imap.imap("F1", "FETCH 1 (UID)")).isEqualTo("F1 NO FETCH failed. Command not valid in this state.");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    @Test
    void moveFromAnExaminedMailboxIsRefusedAndTheMessageStays() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            appendOneMessage(imap);
            assertThat(imap.imap("C1", "CREATE Keep")).startsWith("C1 OK ");
            assertThat(imap.imap("S1", "EXAMINE INBOX")).startsWith("S1 OK [READ-ONLY] ");

            assertThat(ImapSessions.exchange(imap, "M1", "MOVE 1 Keep"))
                .containsExactly("M1 NO [READ-ONLY] MOVE failed. Mailbox is read only.");
            assertThat(ImapSessions.exchange(imap, "M2", "UID MOVE 1 Keep"))
                .containsExactly("M2 NO [READ-ONLY] MOVE failed. Mailbox is read only.");
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1:* (UID)"))
                .containsExactly("* 1 FETCH (UID 1)", "F1 OK FETCH completed.");
        }
        try (LineDialogue other = ImapSessions.loggedIn(server, user)) {
            assertThat(ImapSessions.exchange(other, "T1", "STATUS INBOX (MESSAGES)"))
                .containsExactly("* STATUS \"INBOX\" (MESSAGES 1)", "T1 OK STATUS completed.");
            assertThat(ImapSessions.exchange(other, "T2", "STATUS Keep (MESSAGES)"))
                .containsExactly("* STATUS \"Keep\" (MESSAGES 0)", "T2 OK STATUS completed.");
        }
    }

    @Test
    void copyFromAnExaminedMailboxLeavesTheSourceAlone() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            appendOneMessage(imap);
            assertThat(imap.imap("C1", "CREATE Keep")).startsWith("C1 OK ");
            assertThat(imap.imap("S1", "EXAMINE INBOX")).startsWith("S1 OK [READ-ONLY] ");

            assertThat(imap.imap("K1", "COPY 1 Keep")).startsWith("K1 OK [COPYUID ");

            assertThat(ImapSessions.exchange(imap, "T1", "STATUS Keep (MESSAGES)"))
                .containsExactly("* STATUS \"Keep\" (MESSAGES 1)", "T1 OK STATUS completed.");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    @Test
    void selectingAfterExamineMakesTheMailboxWritableAgain() {
        try (LineDialogue imap = examinedWithOneMessage()) {
            assertThat(imap.imap("S2", "SELECT INBOX")).startsWith("S2 OK [READ-WRITE] ");

            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY[TEXT])"))
                .containsExactly("* 1 FETCH (FLAGS (\\Recent \\Seen) BODY[TEXT] {14}", "just looking", ")",
                    "F1 OK FETCH completed.");
            assertThat(ImapSessions.exchange(imap, "D1", "STORE 1 +FLAGS.SILENT (\\Deleted)"))
                .containsExactly("D1 OK STORE completed.");
            assertThat(ImapSessions.exchange(imap, "E1", "EXPUNGE")).containsExactly("* 1 EXPUNGE", "* 0 RECENT", "E1 OK EXPUNGE completed.");
        }
    }

    @Test
    void aFailedSelectLeavesTheExaminedMailboxReadOnly() {
        try (LineDialogue imap = examinedWithOneMessage()) {
            assertThat(imap.imap("S2", "SELECT NoSuchMailbox")).startsWith("S2 NO ");

            // Whether James still has INBOX selected or nothing at all, the message is not changed.
            assertThat(imap.imap("D1", "STORE 1 +FLAGS.SILENT (\\Seen)")).matches("D1 (NO \\[READ-ONLY\\]|BAD) .*");
        }
        assertThat(unseenInInbox()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1)");
    }

    /** A session with one unseen message appended to INBOX and INBOX examined. */
    private LineDialogue examinedWithOneMessage() {
        LineDialogue imap = ImapSessions.loggedIn(server, user);
        appendOneMessage(imap);
        assertThat(imap.imap("S1", "EXAMINE INBOX")).startsWith("S1 OK [READ-ONLY] ");
        return imap;
    }

    private static void appendOneMessage(LineDialogue imap) {
        imap.send("A1 APPEND INBOX {" + length(MESSAGE) + "+}\r\n" + MESSAGE);
        assertThat(imap.readUntil("A1 ")).last().asString().startsWith("A1 OK [APPENDUID ");
    }

    /** The user's INBOX as another session sees it. */
    private String unseenInInbox() {
        try (LineDialogue other = ImapSessions.loggedIn(server, user)) {
            List<String> answer = ImapSessions.exchange(other, "T1", "STATUS INBOX (MESSAGES UNSEEN)");
            assertThat(answer).hasSize(2).last().isEqualTo("T1 OK STATUS completed.");
            return answer.get(0);
        }
    }

    private static int length(String message) {
        return message.getBytes(StandardCharsets.US_ASCII).length;
    }
}
