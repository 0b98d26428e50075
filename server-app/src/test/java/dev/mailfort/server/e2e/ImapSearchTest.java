/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import javax.mail.search.AndTerm;
import javax.mail.search.BodyTerm;
import javax.mail.search.FromStringTerm;
import javax.mail.search.SubjectTerm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * IMAP SEARCH over mail delivered by SMTP. The INBOX holds, in this order:
 * 1 "Quarterly figures" from Alice, 2 "Lunch on Friday" from Carol, 3 "Holiday photos" from Alice.
 */
class ImapSearchTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static MailUser bob;

    @BeforeAll
    static void deliverThreeMessages() {
        server.webAdmin().addDomain("example.com");
        bob = MailUser.create(server, "bob", "example.com");
        InternetSender sender = new InternetSender(server);
        sender.deliver(server, bob, InboundMessage.from("Alice", "alice@sender.example").to(bob)
            .subject("Quarterly figures").body("Revenue grew by ten percent in the first quarter.\n").build(), 1);
        sender.deliver(server, bob, InboundMessage.from("Carol", "carol@partner.example").to(bob)
            .subject("Lunch on Friday").body("Shall we meet at the harbour restaurant?\n").build(), 2);
        sender.deliver(server, bob, InboundMessage.from("Alice", "alice@sender.example").to(bob)
            .subject("Holiday photos").body("Pictures from the mountains are below.\n").build(), 3);
    }

    @Test
    void searchBySubjectIgnoresCase() {
        try (LineDialogue imap = examineInbox()) {
            assertThat(ImapSessions.exchange(imap, "Q1", "SEARCH SUBJECT \"lunch\""))
                .containsExactly("* SEARCH 2", "Q1 OK SEARCH completed.");
        }
    }

    @Test
    void searchBySender() {
        try (LineDialogue imap = examineInbox()) {
            assertThat(ImapSessions.exchange(imap, "Q1", "SEARCH FROM \"alice@sender.example\""))
                .containsExactly("* SEARCH 1 3", "Q1 OK SEARCH completed.");
        }
    }

    @Test
    void searchByTextFindsWordsOfTheBody() {
        try (LineDialogue imap = examineInbox()) {
            assertThat(ImapSessions.exchange(imap, "Q1", "SEARCH TEXT \"harbour\""))
                .containsExactly("* SEARCH 2", "Q1 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "Q2", "SEARCH BODY \"mountains\""))
                .containsExactly("* SEARCH 3", "Q2 OK SEARCH completed.");
        }
    }

    @Test
    void criteriaTogetherMustAllMatch() {
        try (LineDialogue imap = examineInbox()) {
            assertThat(ImapSessions.exchange(imap, "Q1", "SEARCH FROM \"alice\" SUBJECT \"holiday\""))
                .containsExactly("* SEARCH 3", "Q1 OK SEARCH completed.");
        }
    }

    @Test
    void uidSearchAnswersWithUids() {
        try (LineDialogue imap = examineInbox()) {
            assertThat(ImapSessions.exchange(imap, "Q1", "UID SEARCH SUBJECT \"figures\""))
                .containsExactly("* SEARCH 1", "Q1 OK SEARCH completed.");
        }
    }

    @Test
    void searchThatMatchesNothingAnswersAnEmptyList() {
        try (LineDialogue imap = examineInbox()) {
            assertThat(ImapSessions.exchange(imap, "Q1", "SEARCH SUBJECT \"no such subject\""))
                .containsExactly("* SEARCH", "Q1 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "Q2", "SEARCH TEXT \"zebra\""))
                .containsExactly("* SEARCH", "Q2 OK SEARCH completed.");
        }
    }

    @Test
    void unseenFindsTheMessagesNotYetRead() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, bob)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            assertThat(ImapSessions.exchange(imap, "Q1", "SEARCH UNSEEN")).containsExactly("* SEARCH 1 2 3", "Q1 OK SEARCH completed.");

            assertThat(ImapSessions.exchange(imap, "R1", "STORE 1 +FLAGS.SILENT (\\Seen)")).containsExactly("R1 OK STORE completed.");

            assertThat(ImapSessions.exchange(imap, "Q2", "SEARCH UNSEEN")).containsExactly("* SEARCH 2 3", "Q2 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "Q3", "SEARCH SEEN")).containsExactly("* SEARCH 1", "Q3 OK SEARCH completed.");
        }
    }

    @Test
    void mailClientSearchesBySenderAndBody() throws Exception {
        try (Store store = MailClients.imapStartTls(server, bob.address(), bob.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);

            Message[] found = inbox.search(new AndTerm(new FromStringTerm("alice"), new BodyTerm("quarter")));
            assertThat(found).extracting(Message::getSubject).containsExactly("Quarterly figures");
            assertThat(inbox.search(new SubjectTerm("nothing like this"))).isEmpty();
            inbox.close(false);
        }
    }

    private static LineDialogue examineInbox() {
        LineDialogue imap = ImapSessions.loggedIn(server, bob);
        assertThat(imap.imap("S1", "EXAMINE INBOX")).startsWith("S1 OK [READ-ONLY] ");
        return imap;
    }
}
