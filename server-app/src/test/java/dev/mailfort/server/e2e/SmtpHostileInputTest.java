/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.hostile.MalformedMail;
import dev.mailfort.testing.hostile.RawConnection;

/**
 * Hostile SMTP input on the MX port (issue 7, items 4 and 5): overlong lines inside and outside DATA, SMTP smuggling
 * (CVE-2023-51747), commands out of order and too many recipients. Every command gets exactly one reply: after each
 * hostile step a NOOP must get its own 250, which it would not if the server had queued a second reply.
 */
class SmtpHostileInputTest {
    private static final String DOMAIN = "hostile.example";
    private static final String SENDER = "sender@outside.example";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @Test
    void lineOverTheLimitInDataIsRefusedWithOneReplyAndNothingIsDelivered() {
        MailUser bob = MailUser.create(server, "bob", DOMAIN);
        try (RawConnection smtp = transactionTo(bob)) {
            byte[] message = new MalformedMail(SENDER, bob.address()).longBodyLine(200_000).bytes();
            smtp.sendData(message);

            assertThat(smtp.readSmtpReply()).startsWith("552 5.3.4 ");
            assertThat(smtp.smtp("NOOP")).as("the reply after the refusal belongs to NOOP").startsWith("250 ");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }
        sendWellFormed(bob, "after the refused one");
        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 1);
    }

    @Test
    void sessionContinuesWithTheNextTransactionAfterAnOverlongLineInData() {
        MailUser carol = MailUser.create(server, "carol", DOMAIN);
        try (RawConnection smtp = transactionTo(carol)) {
            smtp.sendData(new MalformedMail(SENDER, carol.address()).longHeaderLine(100_000).bytes());
            assertThat(smtp.readSmtpReply()).startsWith("552 5.3.4 ");

            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + carol.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.sendData(wellFormed(carol, "second transaction of the session"));
            assertThat(smtp.readSmtpReply()).startsWith("250 ");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
        MailboxCounts.awaitMessageCount(server, carol, "INBOX", 1);
    }

    @Test
    void lineLongerThanTheRfcLimitButWithinOursIsDeliveredIntact() {
        MailUser dave = MailUser.create(server, "dave", DOMAIN);
        try (RawConnection smtp = transactionTo(dave)) {
            // Over RFC 5321's 1000 octets and over James's 8192: generated HTML has such lines.
            smtp.sendData(new MalformedMail(SENDER, dave.address()).longBodyLine(20_000).bytes());
            assertThat(smtp.readSmtpReply()).startsWith("250 ");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
        MailboxCounts.awaitMessageCount(server, dave, "INBOX", 1);
    }

    @Test
    void overlongCommandLineGetsOneReplyAndTheSessionGoesOn() {
        try (RawConnection smtp = greeted()) {
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
            String reply = smtp.smtp("MAIL FROM:<" + "a".repeat(100_000) + "@outside.example>");

            assertThat(reply).startsWith("500 ");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
        }
    }

    @Test
    void binaryGarbageGetsOneReplyPerLineAndTheServerServesTheNextClient() {
        try (RawConnection smtp = greeted()) {
            smtp.sendBytes(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0x7F, '\r', '\n'});
            assertThat(smtp.readSmtpReply()).startsWith("500 ");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
        try (RawConnection next = greeted()) {
            assertThat(next.smtp("EHLO client.outside.example")).startsWith("250");
        }
    }

    @Test
    void manyCommandsInOnePacketGetOneReplyEachInOrder() {
        try (RawConnection smtp = greeted()) {
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
            smtp.sendRaw("NOOP\r\nRSET\r\n".repeat(500) + "QUIT\r\n");
            for (int n = 0; n < 1000; n++) {
                assertThat(smtp.readSmtpReply()).as("reply %d", n).startsWith("250 ");
            }
            assertThat(smtp.readSmtpReply()).startsWith("221 ");
        }
    }

    @Test
    void commandsOutOfOrderAreRefusedOneByOne() {
        try (RawConnection smtp = greeted()) {
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
            assertThat(smtp.smtp("DATA")).startsWith("503 ");
            assertThat(smtp.smtp("RCPT TO:<someone@" + DOMAIN + ">")).startsWith("503 ");
            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("503 ");
            assertThat(smtp.smtp("DATA")).startsWith("503 ");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void tooManyRecipientsGetA452PerExtraRecipient() {
        MailUser erin = MailUser.create(server, "erin", DOMAIN);
        for (int n = 0; n < 101; n++) {
            assertThat(server.webAdmin().put("/address/aliases/" + encode(erin.address()) + "/sources/"
                + encode("erin-alias-" + n + "@" + DOMAIN), "").status()).isEqualTo(204);
        }
        try (RawConnection smtp = greeted()) {
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
            for (int n = 0; n < 100; n++) {
                assertThat(smtp.smtp("RCPT TO:<erin-alias-" + n + "@" + DOMAIN + ">")).as("RCPT %d", n).startsWith("250 ");
            }
            for (int n = 100; n < 1000; n++) {
                String recipient = "erin-alias-" + Math.min(n, 100) + "@" + DOMAIN;
                assertThat(smtp.smtp("RCPT TO:<" + recipient + ">")).as("RCPT %d", n).startsWith("452 ");
            }
            assertThat(smtp.smtp("RSET")).startsWith("250 ");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void bareLineFeedDotBareLineFeedDoesNotSmuggleASecondMessage() {
        assertNoSmuggling("\n.\n");
    }

    @Test
    void bareCarriageReturnDotLineFeedDoesNotSmuggleASecondMessage() {
        assertNoSmuggling("\r.\n");
    }

    @Test
    void bareLineFeedDotCrLfDoesNotSmuggleASecondMessage() {
        assertNoSmuggling("\n.\r\n");
    }

    @Test
    void crLfDotBareLineFeedDoesNotSmuggleASecondMessage() {
        assertNoSmuggling("\r\n.\n");
    }

    /**
     * The SEC Consult attack: a message whose text holds a non-standard end-of-data sequence followed by a second
     * transaction, all in one write. If the server took the sequence for the end of DATA, the second transaction
     * would deliver a message the first one's sender never sent as such (a spoofed From: to another recipient).
     */
    private void assertNoSmuggling(String fakeEndOfData) {
        MailUser sender = MailUser.create(server, "frank", DOMAIN);
        MailUser victim = MailUser.create(server, "victim", DOMAIN);
        try (RawConnection smtp = transactionTo(sender)) {
            String smuggled = new String(wellFormed(sender, "carrier"), StandardCharsets.ISO_8859_1)
                + "carrier text" + fakeEndOfData
                + "MAIL FROM:<ceo@outside.example>\r\n"
                + "RCPT TO:<" + victim.address() + ">\r\n"
                + "DATA\r\n"
                + new String(wellFormed(victim, "smuggled"), StandardCharsets.ISO_8859_1)
                + "\r\n.\r\n";
            smtp.sendRaw(smuggled);
            String reply = smtp.readSmtpReply();
            // Refused (James: 500 5.0.0 then close), or taken as message text (then the 250 of the whole).
            assertThat(reply).matches("(?s)^(250|5\\d\\d) .*");
            if (reply.startsWith("250 ")) {
                assertThat(smtp.smtp("NOOP")).as("no reply of a second transaction is pending").startsWith("250 ");
            } else {
                assertThat(smtp.readTimeoutMillis(5_000).isClosedByServer())
                    .as("nothing follows the refusal but the end of the connection").isTrue();
            }
        }
        sendWellFormed(victim, "control");
        MailboxCounts.awaitMessageCount(server, victim, "INBOX", 1);
        assertThat(MailboxCounts.messageCount(server, victim, "INBOX")).hasValue(1);
    }

    private static RawConnection greeted() {
        RawConnection smtp = RawConnection.connect(server.port(25));
        assertThat(smtp.readSmtpReply()).startsWith("220 ");
        return smtp;
    }

    /** Greeted, EHLO, MAIL FROM an outsider, RCPT TO the user, DATA accepted. */
    private static RawConnection transactionTo(MailUser recipient) {
        RawConnection smtp = greeted();
        assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
        assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
        assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
        assertThat(smtp.smtp("DATA")).startsWith("354 ");
        return smtp;
    }

    private static void sendWellFormed(MailUser recipient, String subject) {
        try (RawConnection smtp = transactionTo(recipient)) {
            smtp.sendData(wellFormed(recipient, subject));
            assertThat(smtp.readSmtpReply()).startsWith("250 ");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }
    }

    private static byte[] wellFormed(MailUser recipient, String subject) {
        return ("Date: Mon, 2 Mar 2026 10:15:00 +0100\r\n"
            + "From: Sender <" + SENDER + ">\r\n"
            + "To: <" + recipient.address() + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + System.nanoTime() + "@outside.example>\r\n"
            + "\r\n"
            + "Hello.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
