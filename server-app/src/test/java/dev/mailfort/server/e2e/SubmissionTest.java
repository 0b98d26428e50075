/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.mail.AuthenticationFailedException;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.mail.smtp.SMTPSendFailedException;

import dev.mailfort.server.e2e.support.SmtpCredentials;
import dev.mailfort.server.e2e.support.SmtpDeliveredMail;
import dev.mailfort.server.e2e.support.SmtpOutgoingQueue;
import dev.mailfort.server.e2e.support.SmtpOutgoingQueue.QueuedMail;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * Our users sending mail through the submission ports: 587 (STARTTLS, then AUTH) and 465 (implicit TLS, then AUTH),
 * with Jakarta Mail's {@link Transport} as a mail client does, and as raw transcripts for the exact replies.
 *
 * <p>There is no Internet here: mail for another domain is followed to the {@code outgoing} queue of RemoteDelivery,
 * where, its MX lookup having failed, it waits for the next try.
 */
class SubmissionTest {
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PASSWORD = "alice-Secret-42";
    private static final String BOB = "bob@example.com";
    private static final String BOB_PASSWORD = "bob-Secret-42";
    /** The first retry of RemoteDelivery comes 5 minutes after a failed attempt (conf/mailetcontainer.xml). */
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(5);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private final SmtpOutgoingQueue outbound = SmtpOutgoingQueue.of(server);

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        server.webAdmin().addUser(ALICE, ALICE_PASSWORD);
        server.webAdmin().addUser(BOB, BOB_PASSWORD);
    }

    @Test
    void mailSubmittedOn587IsDeliveredToALocalMailbox() throws Exception {
        Session session = MailClients.submission(server);
        MimeMessage message = message(session, ALICE, BOB, "Submitted on 587", "Hello Bob, over STARTTLS.");

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(ALICE, ALICE_PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }

        SmtpDeliveredMail delivered = SmtpDeliveredMail.awaitInInbox(server, BOB, BOB_PASSWORD, "Submitted on 587");
        assertThat(delivered.from()).containsExactly(ALICE);
        assertThat(delivered.to()).containsExactly(BOB);
        assertThat(delivered.body()).isEqualTo("Hello Bob, over STARTTLS.\n");
    }

    @Test
    void mailSubmittedOn465IsDeliveredToALocalMailbox() throws Exception {
        Session session = MailClients.smtps(server);
        MimeMessage message = message(session, ALICE, BOB, "Submitted on 465", "Hello Bob, over implicit TLS.");

        try (Transport transport = session.getTransport("smtps")) {
            transport.connect(ALICE, ALICE_PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }

        SmtpDeliveredMail delivered = SmtpDeliveredMail.awaitInInbox(server, BOB, BOB_PASSWORD, "Submitted on 465");
        assertThat(delivered.from()).containsExactly(ALICE);
        assertThat(delivered.body()).isEqualTo("Hello Bob, over implicit TLS.\n");
    }

    @Test
    void mailForAnExternalDomainSubmittedOn587IsAcceptedAndQueuedForOutboundDelivery() {
        Instant sentAt = Instant.now();
        try (LineDialogue smtp = SmtpSessions.authenticate(SmtpSessions.encryptedWithStartTls(server.port(587)), ALICE, ALICE_PASSWORD)) {
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo("250 2.1.0 Sender <alice@example.com> OK");
            assertThat(smtp.smtp("RCPT TO:<carol@external.example>")).isEqualTo("250 2.1.5 Recipient <carol@external.example> OK");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: Alice <alice@example.com>")
                .send("To: Carol <carol@external.example>")
                .send("Subject: Leaving for the outside")
                .send("")
                .send("Hello Carol.");
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }

        assertWaitsInOutgoingQueueForRetry("carol@external.example", sentAt);
    }

    @Test
    void mailForAnExternalDomainSubmittedOn465IsQueuedForOutboundDelivery() throws Exception {
        Instant sentAt = Instant.now();
        Session session = MailClients.smtps(server);
        MimeMessage message = message(session, ALICE, "dave@external.example", "To Dave", "Hello Dave.");

        try (Transport transport = session.getTransport("smtps")) {
            transport.connect(ALICE, ALICE_PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertWaitsInOutgoingQueueForRetry("dave@external.example", sentAt);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {587, 465})
    void mailFromWithoutAuthIsRefusedWith530(int port) {
        try (LineDialogue smtp = encryptedSession(port)) {
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo("530 5.7.0 Authentication required");
            assertThat(smtp.smtp("RCPT TO:<bob@example.com>")).isEqualTo("503 5.5.0 Need MAIL before RCPT");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {587, 465})
    void mailFromAnotherUsersAddressAfterAuthIsRefusedWith550(int port) {
        try (LineDialogue smtp = SmtpSessions.authenticate(encryptedSession(port), ALICE, ALICE_PASSWORD)) {
            assertThat(smtp.smtp("MAIL FROM:<bob@example.com>")).isEqualTo("550 5.7.1 <bob@example.com> is not one of your addresses");
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo("250 2.1.0 Sender <alice@example.com> OK");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {587, 465})
    void wrongPasswordIsRefusedWith535AndLeavesTheSessionUnauthenticated(int port) {
        try (LineDialogue smtp = encryptedSession(port)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, "not-her-password")))
                .isEqualTo("535 5.7.8 Authentication credentials invalid");
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo("530 5.7.0 Authentication required");
        }
    }

    @Test
    void mailClientWithAWrongPasswordGetsAnAuthenticationFailure() {
        Session session = MailClients.submission(server);

        assertThatThrownBy(() -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(ALICE, "not-her-password");
            }
        }).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void mailClientSendingAsAnotherUserIsRefusedAndNothingIsDelivered() throws Exception {
        Session session = MailClients.submission(server);
        MimeMessage message = message(session, BOB, ALICE, "Pretending to be Bob", "Not from Bob at all.");

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(ALICE, ALICE_PASSWORD);
            assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                .isInstanceOfSatisfying(SMTPSendFailedException.class,
                    refusal -> assertThat(refusal.getReturnCode()).isEqualTo(550));
        }

        assertThat(SmtpDeliveredMail.subjectsInInbox(server, ALICE, ALICE_PASSWORD)).doesNotContain("Pretending to be Bob");
    }

    private void assertWaitsInOutgoingQueueForRetry(String recipient, Instant sentAt) {
        // The mail is out of the queue only while a delivery thread tries it; once the MX lookup has failed it is back,
        // due at the first retry.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<QueuedMail> queued = outbound.mailsTo(recipient);
            assertThat(queued).singleElement().satisfies(mail -> {
                assertThat(mail.sender()).isEqualTo(ALICE);
                assertThat(mail.recipients()).containsExactly(recipient);
                assertThat(mail.nextDelivery()).isAfter(sentAt.plus(FIRST_RETRY_DELAY).minusSeconds(30));
            });
        });
        assertThat(outbound.queueNames()).contains(SmtpOutgoingQueue.OUTGOING);
        assertThat(outbound.repositorySize(SmtpOutgoingQueue.RELAY_DENIED_REPOSITORY)).isZero();
        assertThat(outbound.repositorySize(SmtpOutgoingQueue.ADDRESS_ERROR_REPOSITORY)).isZero();
        assertThat(outbound.repositorySize(SmtpOutgoingQueue.ERROR_REPOSITORY)).isZero();
    }

    private static LineDialogue encryptedSession(int port) {
        return port == 465 ? SmtpSessions.encryptedWithImplicitTls(server.port(465)) : SmtpSessions.encryptedWithStartTls(server.port(port));
    }

    private static MimeMessage message(Session session, String from, String to, String subject, String body) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(body);
        return message;
    }
}
