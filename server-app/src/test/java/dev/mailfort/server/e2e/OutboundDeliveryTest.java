/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.BodyPart;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Multipart;
import javax.mail.Store;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.search.SubjectTerm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.HeldMailRelease;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.RoutingConf;
import dev.mailfort.server.e2e.support.SmtpDeliveredMail;
import dev.mailfort.server.e2e.support.SmtpSink;
import dev.mailfort.server.e2e.support.Submission;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;

/**
 * Outbound delivery after the 250, on the whole server: a remote server that is unavailable gets the mail again
 * until it takes it; one that refuses the recipient for good (5xx) makes a delivery status notification (RFC 3464)
 * for our authenticated sender, and for nobody else: a mail we accepted from another server is kept for an
 * administrator instead of being bounced to an address that may be forged. The retry schedule is shortened in the
 * test's conf (production waits 5 minutes before the first retry); remote servers are loopback {@link SmtpSink}s.
 */
class OutboundDeliveryTest {
    private static final String DOMAIN = "example.com";
    private static final String REFUSAL = "550 5.1.1 <erin@refusing.example>: Recipient address rejected: User unknown";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private static final SmtpSink FLAKY = SmtpSink.start();
    private static final SmtpSink REFUSING = SmtpSink.start().refuseRecipientsWith(REFUSAL);
    private static final SmtpSink ANYWHERE_ELSE = SmtpSink.start();
    private static final SmtpSink WITHOUT_TLS = SmtpSink.start();

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(OutboundDeliveryTest::routes);

    private static MailUser alice;
    private static MailUser forwarder;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        alice = MailUser.create(server, "alice", DOMAIN);
        forwarder = MailUser.create(server, "forwarder", DOMAIN);
        assertThat(server.webAdmin().put("/address/forwards/" + forwarder.address() + "/targets/erin@refusing.example", "")
            .status()).isEqualTo(204);
    }

    @AfterAll
    static void stopPeers() {
        FLAKY.close();
        REFUSING.close();
        ANYWHERE_ELSE.close();
        WITHOUT_TLS.close();
    }

    @Test
    void aServerThatIsUnavailableGetsTheMailAgainAndTakesItWhenItComesBack() {
        String subject = "Retried " + UUID.randomUUID();
        FLAKY.answerServiceUnavailable();

        Submission.send(server, alice, List.of("dan@flaky.example"), subject);
        await().atMost(DELIVERY).until(FLAKY::unavailableAnswers, attempts -> attempts >= 2);
        assertThat(FLAKY.receivedFor("dan@flaky.example")).isEmpty();
        FLAKY.comeBack();

        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200))
            .until(() -> FLAKY.receivedFor("dan@flaky.example").stream().anyMatch(mail -> mail.text().contains(subject)));
        assertThat(ANYWHERE_ELSE.receivedFor(alice.address())).as("no DSN for a delivered mail").isEmpty();
    }

    @Test
    void aDestinationThatRequiresTlsNeverGetsTheMailInClearTextButRetries() throws Exception {
        String subject = "Confidential " + UUID.randomUUID();

        Submission.send(server, alice, List.of("kim@tls-only.example"), subject);

        // The peer offers no STARTTLS: each attempt stops after EHLO, and the mail waits for the next one.
        await().atMost(DELIVERY).until(WITHOUT_TLS::ehloCount, attempts -> attempts >= 2);
        assertThat(WITHOUT_TLS.received()).isEmpty();
        assertThat(SmtpDeliveredMail.subjectsInInbox(server, alice.address(), alice.password()))
            .as("a temporary failure is not reported to the sender").noneMatch(inboxSubject -> inboxSubject.contains(subject));
    }

    @Test
    void aPermanentRefusalMakesADeliveryStatusNotificationForTheAuthenticatedSender() throws Exception {
        String subject = "Refused " + UUID.randomUUID();

        Submission.send(server, alice, List.of("erin@refusing.example"), subject);

        Message dsn = awaitReportInInbox(alice, subject);
        assertThat(dsn.getHeader("Return-Path")).as("sent from the null reverse-path").containsExactly("<>");
        assertThat(dsn.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        ContentType type = new ContentType(dsn.getContentType());
        assertThat(type.getBaseType()).isEqualToIgnoringCase("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualToIgnoringCase("delivery-status");
        Multipart parts = (Multipart) dsn.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(new ContentType(parts.getBodyPart(0).getContentType()).getBaseType()).isEqualToIgnoringCase("text/plain");
        BodyPart status = parts.getBodyPart(1);
        assertThat(new ContentType(status.getContentType()).getBaseType()).isEqualToIgnoringCase("message/delivery-status");
        assertThat(text(status))
            .startsWith("Reporting-MTA: dns; ")
            .contains("\r\nFinal-Recipient: rfc822; erin@refusing.example\r\n"
                + "Action: failed\r\n"
                + "Status: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; " + REFUSAL + "\r\n");
        BodyPart returned = parts.getBodyPart(2);
        assertThat(new ContentType(returned.getContentType()).getBaseType()).isEqualToIgnoringCase("message/rfc822");
        assertThat(text(returned)).contains("Subject: " + subject);
    }

    @Test
    void aFailedMailAcceptedFromAnotherServerIsKeptAndBouncedToNobody() {
        String subject = "Forwarded " + UUID.randomUUID();
        HeldMailRelease repositories = new HeldMailRelease(server);

        new InternetSender(server).send("carol@outside.example", forwarder.address(),
            InboundMessage.from("Carol", "carol@outside.example").to(forwarder.address()).subject(subject)
                .body("Hello,\nplease pass this on.\n").build().text());

        // The forward to erin@refusing.example is refused with a 5xx; the mail is kept, not bounced.
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(300))
            .until(() -> repositories.keysOfMailsFor(HeldMailRelease.UNDELIVERABLE, "erin@refusing.example"), keys -> !keys.isEmpty());
        assertThat(ANYWHERE_ELSE.receivedFor("carol@outside.example")).as("no DSN to the outside sender").isEmpty();
        assertThat(ANYWHERE_ELSE.received()).noneMatch(mail -> mail.text().contains(subject));
    }

    /** The notification about the mail with this subject, from the user's INBOX over IMAPS. */
    private static Message awaitReportInInbox(MailUser user, String subject) throws Exception {
        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            AtomicReference<Message> found = new AtomicReference<>();
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(300)).until(() -> {
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
                inbox.open(Folder.READ_ONLY);
                for (Message message : inbox.search(new SubjectTerm(subject))) {
                    // A copy: the test reads it after the IMAP session ends.
                    found.set(new MimeMessage((MimeMessage) message));
                    return true;
                }
                return false;
            });
            return found.get();
        }
    }

    private static String text(BodyPart part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void routes(TestWorkingDirectory directory) {
        RoutingConf.transportMap(directory,
            "# OutboundDeliveryTest",
            "flaky.example      relay:[127.0.0.1]:" + FLAKY.port(),
            "refusing.example   relay:[127.0.0.1]:" + REFUSING.port(),
            "tls-only.example   relay:[127.0.0.1]:" + WITHOUT_TLS.port() + " tls=encrypt",
            "*                  relay:[127.0.0.1]:" + ANYWHERE_ELSE.port());
        RoutingConf.retries(directory, "30*1 second", 30);
    }
}
