/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/** Mail from the Internet to a local user on the MX port (25), read back over IMAP. */
class InboundSmtpDeliveryTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        server.webAdmin().addUser("bob@example.com", "bob-Secret-42");
    }

    @Test
    void classicDialogueFromAnInternetSenderIsDeliveredToTheMailbox() throws Exception {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("HELO mail.sender.example")).startsWith("250 ");
            assertThat(smtp.smtp("MAIL FROM:<alice@sender.example>")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<bob@example.com>")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: Alice <alice@sender.example>")
                .send("To: Bob <bob@example.com>")
                .send("Subject: Quarterly figures")
                .send("Message-ID: <classic-dialogue-1@sender.example>")
                .send("")
                .send("Hello Bob,")
                .send("..a line that starts with a dot, transparently escaped")
                .send("Alice");
            assertThat(smtp.smtp(".")).startsWith("250 ");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }

        try (Store store = MailClients.imaps(server, "bob@example.com", "bob-Secret-42")) {
            Folder inbox = store.getFolder("INBOX");
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox.getMessageCount() >= 1);
            inbox.open(Folder.READ_ONLY);
            Message message = inbox.getMessage(inbox.getMessageCount());
            assertThat(message.getSubject()).isEqualTo("Quarterly figures");
            assertThat(message.getHeader("Message-ID")).containsExactly("<classic-dialogue-1@sender.example>");
            assertThat(((String) message.getContent()).replace("\r\n", "\n"))
                .isEqualTo("Hello Bob,\n.a line that starts with a dot, transparently escaped\nAlice\n");
            inbox.close(false);
        }
    }

    @Test
    void unknownLocalRecipientIsRefusedAtRcpt() {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            smtp.readSmtpReply();
            smtp.smtp("EHLO mail.sender.example");
            smtp.smtp("MAIL FROM:<alice@sender.example>");
            assertThat(smtp.smtp("RCPT TO:<nobody@example.com>")).startsWith("550 ");
        }
    }

    @Test
    void userDeletedThroughWebAdminIsRefusedAtOnceAlthoughItWasJustAccepted() {
        server.webAdmin().addUser("leaver@example.com", "leaver-Secret-42");
        // The server keeps for a few seconds that this user exists.
        assertThat(rcptReply("leaver@example.com")).startsWith("250 ");

        assertThat(server.webAdmin().delete("/users/leaver@example.com").status()).isEqualTo(204);

        assertThat(rcptReply("leaver@example.com")).startsWith("550 5.1.1 ");
    }

    @Test
    void userCreatedRightAfterBeingRefusedIsAcceptedAtOnce() {
        assertThat(rcptReply("newcomer@example.com")).startsWith("550 5.1.1 ");

        server.webAdmin().addUser("newcomer@example.com", "newcomer-Secret-42");

        assertThat(rcptReply("newcomer@example.com")).startsWith("250 ");
    }

    private static String rcptReply(String recipient) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            smtp.readSmtpReply();
            smtp.smtp("EHLO mail.sender.example");
            smtp.smtp("MAIL FROM:<alice@sender.example>");
            return smtp.smtp("RCPT TO:<" + recipient + ">");
        }
    }
}
