/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

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

/** A user's folders over IMAP: create, list, rename, delete, subscribe, and messages copied or moved between them. */
class ImapFoldersTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "folders", "example.com");
    }

    @Test
    void createdFolderIsListedBesideTheInboxAndTheFoldersProvisionedAtFirstLogin() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            create(imap, "Projects");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" \"*\"")).containsExactlyInAnyOrder(
                "* LIST (\\HasNoChildren) \".\" \"INBOX\"",
                "* LIST (\\HasNoChildren) \".\" \"Archive\"",
                "* LIST (\\HasNoChildren) \".\" \"Drafts\"",
                "* LIST (\\HasNoChildren) \".\" \"Outbox\"",
                "* LIST (\\HasNoChildren) \".\" \"Sent\"",
                "* LIST (\\HasNoChildren) \".\" \"Spam\"",
                "* LIST (\\HasNoChildren) \".\" \"Trash\"",
                "* LIST (\\HasNoChildren) \".\" \"Projects\"",
                "L1 OK LIST completed.");
        }
    }

    @Test
    void subfolderGivesItsParentChildren() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            create(imap, "Projects.Mailfort");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" \"Projects*\"")).containsExactlyInAnyOrder(
                "* LIST (\\HasChildren) \".\" \"Projects\"",
                "* LIST (\\HasNoChildren) \".\" \"Projects.Mailfort\"",
                "L1 OK LIST completed.");
        }
    }

    @Test
    void deletedFolderIsNeitherListedNorSelectable() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            create(imap, "Old");

            assertThat(imap.imap("D1", "DELETE Old")).isEqualTo("D1 OK DELETE completed.");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" \"Old\"")).containsExactly("L1 OK LIST completed.");
            assertThat(imap.imap("S1", "SELECT Old")).startsWith("S1 NO ");
        }
    }

    @Test
    void subscribedFolderIsInLsubUntilUnsubscribed() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            create(imap, "News");

            assertThat(imap.imap("U1", "SUBSCRIBE News")).isEqualTo("U1 OK SUBSCRIBE completed.");
            assertThat(ImapSessions.exchange(imap, "L1", "LSUB \"\" \"News\""))
                .containsExactly("* LSUB () \".\" \"News\"", "L1 OK LSUB completed.");

            assertThat(imap.imap("U2", "UNSUBSCRIBE News")).isEqualTo("U2 OK UNSUBSCRIBE completed.");
            assertThat(ImapSessions.exchange(imap, "L2", "LSUB \"\" \"News\"")).containsExactly("L2 OK LSUB completed.");
        }
    }

    @Test
    void mailClientSeesTheFoldersItSubscribed() throws Exception {
        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder receipts = store.getFolder("Receipts");
            assertThat(receipts.create(Folder.HOLDS_MESSAGES)).isTrue();
            store.getFolder("Unwatched").create(Folder.HOLDS_MESSAGES);

            receipts.setSubscribed(true);

            assertThat(Arrays.stream(store.getDefaultFolder().listSubscribed("*")).map(Folder::getFullName))
                .contains("Receipts").doesNotContain("Unwatched");
            assertThat(Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName))
                .contains("INBOX", "Receipts", "Unwatched");
        }
    }

    @Test
    void renamedFolderKeepsItsMessagesUnderTheNewName() throws Exception {
        deliverOneMessage("Invoice 2026-001");

        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            Folder reports = store.getFolder("Reports");
            reports.create(Folder.HOLDS_MESSAGES);
            inbox.open(Folder.READ_WRITE);
            inbox.copyMessages(inbox.getMessages(), reports);
            inbox.close(false);

            Folder archive = store.getFolder("Archive");
            assertThat(reports.renameTo(archive)).isTrue();

            assertThat(store.getFolder("Reports").exists()).isFalse();
            archive.open(Folder.READ_ONLY);
            assertThat(Arrays.stream(archive.getMessages()).map(ImapFoldersTest::subject)).containsExactly("Invoice 2026-001");
            archive.close(false);
        }
    }

    @Test
    void renameAnswersOkAndTheOldNameIsGone() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            create(imap, "Plans2025");

            assertThat(imap.imap("R1", "RENAME Plans2025 Plans2026")).isEqualTo("R1 OK RENAME completed.");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" \"Plans*\"")).containsExactly(
                "* LIST (\\HasNoChildren) \".\" \"Plans2026\"",
                "L1 OK LIST completed.");
        }
    }

    @Test
    void copiedMessageIsInBothFolders() throws Exception {
        deliverOneMessage("Contract to keep");

        try (Store store = MailClients.imapStartTls(server, user.address(), user.password())) {
            Folder keep = store.getFolder("Keep");
            keep.create(Folder.HOLDS_MESSAGES);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);

            inbox.copyMessages(inbox.getMessages(), keep);

            assertThat(Arrays.stream(inbox.getMessages()).map(ImapFoldersTest::subject)).containsExactly("Contract to keep");
            inbox.close(false);
            keep.open(Folder.READ_ONLY);
            assertThat(Arrays.stream(keep.getMessages()).map(ImapFoldersTest::subject)).containsExactly("Contract to keep");
            keep.close(false);
        }
    }

    @Test
    void movedMessageLeavesTheInbox() {
        deliverOneMessage("Move me");

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            create(imap, "Done");
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");

            // RFC 6851 4.3 recommends COPYUID in an untagged OK before the EXPUNGE; James 3.8.1 puts it in the
            // tagged OK, as UIDPLUS does for COPY. Either way the client learns the message's UID in "Done".
            assertThat(ImapSessions.exchange(imap, "M1", "MOVE 1 Done"))
                .contains("* 1 EXPUNGE")
                .anySatisfy(line -> assertThat(line).matches("(\\*|M1) OK \\[COPYUID \\d+ 1 \\d+\\] .*"))
                .last().asString().startsWith("M1 OK ").endsWith(" MOVE completed.");

            assertThat(ImapSessions.exchange(imap, "T1", "STATUS INBOX (MESSAGES)"))
                .containsExactly("* STATUS \"INBOX\" (MESSAGES 0)", "T1 OK STATUS completed.");
            assertThat(ImapSessions.exchange(imap, "T2", "STATUS Done (MESSAGES)"))
                .containsExactly("* STATUS \"Done\" (MESSAGES 1)", "T2 OK STATUS completed.");
        }
    }

    /** RFC 8474: the server names the new mailbox's immutable id in the OK. */
    private static void create(LineDialogue imap, String folder) {
        assertThat(imap.imap("C1", "CREATE " + folder)).matches("C1 OK \\[MAILBOXID \\([0-9a-f-]+\\)\\] CREATE completed\\.");
    }

    private void deliverOneMessage(String subject) {
        new InternetSender(server).deliver(server, user,
            InboundMessage.from("Alice", "alice@sender.example").to(user).subject(subject).body("See subject.\n").build(), 1);
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
