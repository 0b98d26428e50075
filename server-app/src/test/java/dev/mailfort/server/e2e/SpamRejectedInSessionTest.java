/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.rspamd.RspamdTestMail;
import dev.mailfort.testing.rspamd.SharedRspamd;

/**
 * The SMTP server asks rspamd (the real one, see {@link RspamdTestMail} for what it answers) before it answers the
 * end of DATA: spam is refused in the session, never accepted and bounced.
 */
class SpamRejectedInSessionTest {
    // Not example.com: the test messages come From: example.com, which must stay a domain from outside.
    private static final String DOMAIN = "example.org";
    private static final String EXTERNAL_SENDER = "alice@sender.example";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @Test
    void gtubeOnTheMxPortIsRefusedWith550AndNeverDelivered() throws Exception {
        MailUser bob = MailUser.create(server, "bob", DOMAIN);

        assertThat(sendOnPort25(bob, RspamdTestMail.gtube())).startsWith("550 5.7.1 ");

        assertThat(sendOnPort25(bob, RspamdTestMail.plainBusinessMail())).startsWith("250 ");
        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 1);
        try (Store store = MailClients.imaps(server, bob.address(), bob.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Minutes of Thursday's budget meeting");
            inbox.close(false);
        }
    }

    @Test
    void gtubeFromAnAuthenticatedUserOnTheSubmissionPortIsRefusedWith550() {
        MailUser carol = MailUser.create(server, "carol", DOMAIN);
        MailUser dave = MailUser.create(server, "dave", DOMAIN);

        try (LineDialogue smtp = SmtpSessions.authenticate(
                SmtpSessions.encryptedWithStartTls(server.port(587)), carol.address(), carol.password())) {
            assertThat(smtp.smtp("MAIL FROM:<" + carol.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + dave.address() + ">")).startsWith("250 ");

            // Carol's own From: the refusal must come from rspamd, not from the sender-identity check.
            assertThat(data(smtp, RspamdTestMail.gtube().replace("alice@example.com", carol.address())))
                .isEqualTo("550 5.7.1 Message refused as spam");
        }
    }

    @Test
    void greylistVerdictIsDeferredWith451() {
        MailUser erin = MailUser.create(server, "erin", DOMAIN);

        String reply = sendOnPort25(erin, RspamdTestMail.withTrigger(RspamdTestMail.GREYLIST_TRIGGER, "Hello"));

        assertThat(reply).startsWith("451 4.7.1 ");
    }

    @Test
    void softRejectVerdictIsDeferredWith451() {
        MailUser frank = MailUser.create(server, "frank", DOMAIN);

        String reply = sendOnPort25(frank, RspamdTestMail.withTrigger(RspamdTestMail.SOFT_REJECT_TRIGGER, "Hello"));

        assertThat(reply).startsWith("451 4.7.1 ");
    }

    @Test
    void cleanMailIsAcceptedAndDeliveredWithItsVerdictInHeaders() throws Exception {
        MailUser grace = MailUser.create(server, "grace", DOMAIN);

        assertThat(sendOnPort25(grace, RspamdTestMail.plainBusinessMail())).startsWith("250 ");

        MailboxCounts.awaitMessageCount(server, grace, "INBOX", 1);
        try (Store store = MailClients.imaps(server, grace.address(), grace.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message message = inbox.getMessage(1);
            assertThat(message.getHeader("X-Spam-Action")).containsExactly("no action");
            assertThat(message.getHeader("X-Spam-Status")).singleElement().asString()
                .matches("No, score=-?\\d+\\.\\d\\d required=15\\.00");
            assertThat(message.getHeader("X-Spam-Score")).hasSize(1);
            inbox.close(false);
        }
    }

    @Test
    void spamStatusForgedByTheSenderIsReplaced() throws Exception {
        MailUser heidi = MailUser.create(server, "heidi", DOMAIN);
        String forged = "X-Spam-Status: No, score=-100.00 required=15.00\r\nX-Spam-Score: -100.00\r\n"
            + RspamdTestMail.plainBusinessMail();

        assertThat(sendOnPort25(heidi, forged)).startsWith("250 ");

        MailboxCounts.awaitMessageCount(server, heidi, "INBOX", 1);
        try (Store store = MailClients.imaps(server, heidi.address(), heidi.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message message = inbox.getMessage(1);
            assertThat(message.getHeader("X-Spam-Status")).singleElement().asString()
                .doesNotContain("-100.00").endsWith(" required=15.00");
            assertThat(message.getHeader("X-Spam-Score")).singleElement().asString().isNotEqualTo("-100.00");
            inbox.close(false);
        }
    }

    @Test
    void mailIsDeferredWith451WhileRspamdIsDownAndAcceptedOnceItIsBack() {
        MailUser ivan = MailUser.create(server, "ivan", DOMAIN);
        try {
            SharedRspamd.instance().stop();

            assertThat(sendOnPort25(ivan, RspamdTestMail.plainBusinessMail())).startsWith("451 4.3.0 ");

            SharedRspamd.running();
            assertThat(sendOnPort25(ivan, RspamdTestMail.plainBusinessMail())).startsWith("250 ");
        } finally {
            // Other test classes share this rspamd.
            SharedRspamd.running();
        }
        MailboxCounts.awaitMessageCount(server, ivan, "INBOX", 1);
    }

    /** One SMTP transaction from an Internet server to {@code recipient}; returns the reply to the end of DATA. */
    private static String sendOnPort25(MailUser recipient, String message) {
        try (LineDialogue smtp = SmtpSessions.greeted(server.port(25))) {
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + EXTERNAL_SENDER + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            return data(smtp, message);
        }
    }

    /** DATA with {@code message} (CRLF lines, dot-stuffed here); returns the reply to the final dot. */
    private static String data(LineDialogue smtp, String message) {
        assertThat(smtp.smtp("DATA")).startsWith("354 ");
        String text = message.endsWith("\r\n") ? message.substring(0, message.length() - 2) : message;
        for (String line : text.split("\r\n", -1)) {
            smtp.send(line.startsWith(".") ? "." + line : line);
        }
        return smtp.smtp(".");
    }
}
