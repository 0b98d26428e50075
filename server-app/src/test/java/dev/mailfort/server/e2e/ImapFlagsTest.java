/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.mail.Flags;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/** Message flags over IMAP: \Seen set by reading, \Flagged and keywords kept, \Deleted removed by EXPUNGE. */
class ImapFlagsTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "flags", "example.com");
    }

    @Test
    void fetchingTheBodyMarksTheMessageSeen() {
        deliver("Read me", 1);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            assertThat(flagsOfFirstMessage(imap, "F1")).doesNotContain("\\Seen");

            assertThat(ImapSessions.exchange(imap, "F2", "FETCH 1 (BODY[TEXT])"))
                .contains("Body of: Read me")
                .endsWith("F2 OK FETCH completed.");

            assertThat(flagsOfFirstMessage(imap, "F3")).contains("\\Seen");
        }
    }

    @Test
    void fetchingARangeShowsFlagsOnlyForTheMessagesItMarkedSeen() {
        deliver("One", 1);
        deliver("Two", 2);
        deliver("Three", 3);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            assertThat(ImapSessions.exchange(imap, "M1", "STORE 2 +FLAGS.SILENT (\\Seen)"))
                .containsExactly("M1 OK STORE completed.");

            assertThat(fetchLines(ImapSessions.exchange(imap, "F1", "FETCH 1:3 (BODY[HEADER.FIELDS (SUBJECT)])")))
                .containsExactly(
                    "* 1 FETCH (FLAGS (\\Recent \\Seen) BODY[HEADER.FIELDS (SUBJECT)] {16}",
                    "* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}",
                    "* 3 FETCH (FLAGS (\\Recent \\Seen) BODY[HEADER.FIELDS (SUBJECT)] {18}");
            assertThat(fetchLines(ImapSessions.exchange(imap, "F2", "FETCH 1:3 (BODY[HEADER.FIELDS (SUBJECT)])")))
                .containsExactly(
                    "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}",
                    "* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}",
                    "* 3 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {18}");
            // The session's own \Seen changes are not announced again afterwards.
            assertThat(ImapSessions.exchange(imap, "N1", "NOOP")).containsExactly("N1 OK NOOP completed.");
            assertThat(ImapSessions.exchange(imap, "F3", "FETCH 1:3 (FLAGS)")).containsExactly(
                "* 1 FETCH (FLAGS (\\Recent \\Seen))",
                "* 2 FETCH (FLAGS (\\Recent \\Seen))",
                "* 3 FETCH (FLAGS (\\Recent \\Seen))",
                "F3 OK FETCH completed.");
        }
    }

    @Test
    void fetchingManyUnseenMessagesMarksEachOfThemAndKeepsTheUnseenCountRight() {
        // Enough unseen messages for the \Seen updates to be cut into runs made side by side.
        int count = 230;
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            for (int i = 1; i <= count; i++) {
                ImapSessions.append(imap, "A" + i, "INBOX", "Subject: m" + i + "\r\nFrom: a@sender.example\r\n\r\nBody " + i + "\r\n");
            }
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            assertThat(ImapSessions.exchange(imap, "M1", "STORE 101:120 +FLAGS.SILENT (\\Seen)"))
                .containsExactly("M1 OK STORE completed.");

            List<String> fetched = fetchLines(ImapSessions.exchange(imap, "F1", "FETCH 1:" + count + " (BODY[HEADER.FIELDS (SUBJECT)])"));

            assertThat(fetched).hasSize(count);
            for (int i = 1; i <= count; i++) {
                String line = fetched.get(i - 1);
                assertThat(line).startsWith("* " + i + " FETCH (");
                if (i >= 101 && i <= 120) {
                    assertThat(line).as("already seen").doesNotContain("FLAGS");
                } else {
                    assertThat(line).as("marked by this FETCH").contains("\\Seen");
                }
            }
            assertThat(ImapSessions.exchange(imap, "T1", "STATUS INBOX (MESSAGES UNSEEN)"))
                .containsExactly("* STATUS \"INBOX\" (MESSAGES " + count + " UNSEEN 0)", "T1 OK STATUS completed.");
        }

        try (LineDialogue other = ImapSessions.loggedIn(server, user)) {
            assertThat(other.imap("S2", "EXAMINE INBOX")).startsWith("S2 OK [READ-ONLY] ");
            assertThat(fetchLines(ImapSessions.exchange(other, "F2", "FETCH 1:" + count + " (FLAGS)")))
                .hasSize(count)
                .allSatisfy(line -> assertThat(line).contains("\\Seen"));
            assertThat(ImapSessions.exchange(other, "U1", "SEARCH UNSEEN")).containsExactly("* SEARCH", "U1 OK SEARCH completed.");
        }
    }

    @Test
    void peekingAtTheBodyLeavesTheMessageUnseen() {
        deliver("Just a peek", 1);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");

            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY.PEEK[TEXT])"))
                .contains("Body of: Just a peek")
                .endsWith("F1 OK FETCH completed.");

            assertThat(flagsOfFirstMessage(imap, "F2")).doesNotContain("\\Seen");
        }
    }

    @Test
    void flagsSetInOneSessionAreThereInTheNext() throws Exception {
        deliver("Important", 1);

        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlags(new Flags(Flags.Flag.FLAGGED), true);
            inbox.getMessage(1).setFlags(new Flags(Flags.Flag.SEEN), true);
            inbox.close(false);
        }

        try (Store store = MailClients.imapStartTls(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Flags flags = inbox.getMessage(1).getFlags();
            assertThat(flags.contains(Flags.Flag.FLAGGED)).isTrue();
            assertThat(flags.contains(Flags.Flag.SEEN)).isTrue();
            assertThat(flags.contains(Flags.Flag.DELETED)).isFalse();
            inbox.close(false);
        }
    }

    @Test
    void deletedMessageIsRemovedByExpungeAndTheOthersStay() {
        deliver("First", 1);
        deliver("Second", 2);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");

            assertThat(ImapSessions.exchange(imap, "D1", "STORE 1 +FLAGS.SILENT (\\Deleted)"))
                .containsExactly("D1 OK STORE completed.");
            // The message left is now number 1, and still \Recent in this session: hence "* 1 RECENT".
            assertThat(ImapSessions.exchange(imap, "E1", "EXPUNGE"))
                .containsExactly("* 1 EXPUNGE", "* 1 RECENT", "E1 OK EXPUNGE completed.");

            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                .contains("Subject: Second")
                .doesNotContain("Subject: First");
        }
    }

    @Test
    void deletedFlagWithoutExpungeKeepsTheMessage() throws Exception {
        deliver("Not yet gone", 1);

        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            inbox.close(false);

            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).isSet(Flags.Flag.DELETED)).isTrue();

            inbox.close(true);
            assertThat(inbox.getMessageCount()).isZero();
        }
    }

    @Test
    void inboxAcceptsKeywordsOfTheClientsChoosing() {
        deliver("Keyword", 1);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(ImapSessions.exchange(imap, "S1", "SELECT INBOX"))
                .anySatisfy(line -> assertThat(line).startsWith("* OK [PERMANENTFLAGS (").contains("\\*"));
        }
    }

    @Test
    void customKeywordIsKeptAcrossSessionsAndSearchable() throws Exception {
        deliver("Project X kickoff", 1);
        deliver("Unrelated", 2);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            // A keyword new to the mailbox is announced to the session, with the flags it may now use.
            assertThat(ImapSessions.exchange(imap, "K1", "STORE 1 +FLAGS.SILENT (ProjectX)")).containsExactly(
                "* FLAGS (\\Answered \\Deleted \\Draft \\Flagged \\Seen ProjectX)",
                "* OK [PERMANENTFLAGS (\\Answered \\Deleted \\Draft \\Flagged \\Seen ProjectX \\*)] Limited",
                "K1 OK STORE completed.");
        }

        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getFlags().getUserFlags()).containsExactly("ProjectX");
            assertThat(inbox.getMessage(2).getFlags().getUserFlags()).isEmpty();
            Message[] tagged = inbox.search(new javax.mail.search.FlagTerm(new Flags("ProjectX"), true));
            assertThat(tagged).extracting(Message::getSubject).containsExactly("Project X kickoff");
            inbox.close(false);
        }
    }

    private static List<String> fetchLines(List<String> answer) {
        assertThat(answer).last().asString().endsWith("OK FETCH completed.");
        return answer.stream().filter(line -> line.startsWith("* ")).toList();
    }

    private static String flagsOfFirstMessage(LineDialogue imap, String tag) {
        List<String> answer = ImapSessions.exchange(imap, tag, "FETCH 1 (FLAGS)");
        assertThat(answer).hasSize(2).last().isEqualTo(tag + " OK FETCH completed.");
        assertThat(answer.get(0)).startsWith("* 1 FETCH (FLAGS (");
        return answer.get(0);
    }

    private void deliver(String subject, int expectedCount) {
        new InternetSender(server).deliver(server, user,
            InboundMessage.from("Alice", "alice@sender.example").to(user).subject(subject).body("Body of: " + subject + "\n").build(),
            expectedCount);
    }
}
