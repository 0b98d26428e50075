/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mailfort.server.e2e.support.SmtpDeliveredMail;
import dev.mailfort.server.e2e.support.SmtpOutgoingQueue;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * The MX (port 25) is no open relay: without AUTH it takes mail for our own users only, and refuses at RCPT, with a
 * permanent 5xx, every recipient that would have the mail leave for another host, including the classic ways of
 * smuggling one through an address of our own domain. Nothing refused ever reaches the {@code outgoing} queue.
 *
 * <p>An authenticated user may relay through port 25 after STARTTLS: old clients submit there (conf/smtpserver.xml).
 */
class RelayControlTest {
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PASSWORD = "alice-Secret-42";
    private static final String BOB = "bob@example.com";
    private static final String BOB_PASSWORD = "bob-Secret-42";
    private static final String RELAYING_DENIED = "550 5.7.1 Requested action not taken: relaying denied";
    /** The foreign domain every relaying attempt aims at; nothing mentioning it may ever be queued. */
    private static final String TARGET = "external.example";

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
    void recipientInAnExternalDomainWithoutAuthIsRefusedWith550RelayingDenied() {
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).isEqualTo("250 2.1.0 Sender <someone@sender.example> OK");

            assertThat(smtp.smtp("RCPT TO:<user@external.example>")).isEqualTo(RELAYING_DENIED);
            assertThat(smtp.smtp("DATA")).isEqualTo("503 5.5.0 No recipients specified");
        }
        assertThat(outbound.mailsMentioning(TARGET)).isEmpty();
    }

    @Test
    void recipientInAnExternalDomainOverTlsWithoutAuthIsRefusedWith530() {
        try (LineDialogue smtp = SmtpSessions.encryptedWithStartTls(server.port(25))) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).isEqualTo("250 2.1.0 Sender <someone@sender.example> OK");

            assertThat(smtp.smtp("RCPT TO:<user@external.example>")).isEqualTo("530 5.7.1 Authentication Required");
        }
        assertThat(outbound.mailsMentioning(TARGET)).isEmpty();
    }

    @Test
    void bounceToAnExternalDomainWithoutAuthIsRefused() {
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<>")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:<user@external.example>")).isEqualTo(RELAYING_DENIED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // The "percent hack": once routed as user@external.example by sendmail-era relays.
        "<user%external.example@example.com>       | " + RELAYING_DENIED,
        "<user%external.example@EXAMPLE.COM>       | " + RELAYING_DENIED,
        "<postmaster%external.example@example.com> | " + RELAYING_DENIED,
        // UUCP bang paths, with and without a domain of ours.
        "<external.example!user@example.com>       | " + RELAYING_DENIED,
        "<external.example!user>                   | " + RELAYING_DENIED,
        // Quoted local parts hiding a foreign address.
        "<\"user@external.example\"@example.com>   | " + RELAYING_DENIED,
        "<\"user%external.example\"@example.com>   | " + RELAYING_DENIED,
        // RFC 821 source routes through our domain.
        "<@example.com:user@external.example>      | 553 5.1.3 Syntax error in recipient address",
        "<@example.com,@mx.example.com:user@external.example> | 553 5.1.3 Syntax error in recipient address",
        // Spellings of a foreign domain: upper case, trailing dot, address literal of this server, two @.
        "<user@EXTERNAL.EXAMPLE>                   | " + RELAYING_DENIED,
        "<user@external.example.>                  | 553 5.1.3 Syntax error in recipient address",
        "<user@[127.0.0.1]>                        | " + RELAYING_DENIED,
        "<user@external.example@example.com>       | 553 5.1.3 Syntax error in recipient address",
        // postmaster must always be reachable (RFC 5321 4.5.1), but only ours.
        "<postmaster@external.example>             | " + RELAYING_DENIED})
    void relayTrickIsRefusedAtRcptWithAPermanentError(String recipient, String refusal) {
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:" + recipient)).startsWith(refusal);
            assertThat(smtp.smtp("DATA")).isEqualTo("503 5.5.0 No recipients specified");
        }
        assertThat(outbound.mailsMentioning(TARGET)).isEmpty();
    }

    @Test
    void refusedRecipientsNeverReachTheOutgoingQueueWhenTheMailIsAcceptedForALocalUser() throws Exception {
        List<String> tricks = List.of("<user@external.example>", "<user%external.example@example.com>",
            "<external.example!user@example.com>", "<external.example!user>", "<\"user@external.example\"@example.com>",
            "<\"user%external.example\"@example.com>", "<@example.com:user@external.example>", "<user@[127.0.0.1]>");
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Recipient <bob@example.com> OK");
            for (String trick : tricks) {
                assertThat(smtp.smtp("RCPT TO:" + trick)).as(trick).startsWith("5");
            }
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: <someone@sender.example>")
                .send("To: <bob@example.com>")
                .send("Subject: Only Bob may get this")
                .send("")
                .send("Hello Bob.");
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
        }

        SmtpDeliveredMail.awaitInInbox(server, BOB, BOB_PASSWORD, "Only Bob may get this");
        assertThat(outbound.mailsMentioning(TARGET)).isEmpty();
        assertThat(outbound.repositorySize(SmtpOutgoingQueue.RELAY_DENIED_REPOSITORY)).isZero();
        assertThat(outbound.repositorySize(SmtpOutgoingQueue.ADDRESS_ERROR_REPOSITORY)).isZero();
        assertThat(outbound.repositorySize(SmtpOutgoingQueue.ERROR_REPOSITORY)).isZero();
    }

    @Test
    void localDomainWrittenInUpperCaseIsStillOurs() {
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:<bob@EXAMPLE.COM>")).isEqualTo("250 2.1.5 Recipient <bob@example.com> OK");
        }
    }

    @Test
    void authenticatedUserMayRelayThroughPort25AfterStartTls() {
        try (LineDialogue smtp = SmtpSessions.authenticate(SmtpSessions.encryptedWithStartTls(server.port(25)), ALICE, ALICE_PASSWORD)) {
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo("250 2.1.0 Sender <alice@example.com> OK");
            assertThat(smtp.smtp("RCPT TO:<erin@partner.example>")).isEqualTo("250 2.1.5 Recipient <erin@partner.example> OK");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: <alice@example.com>")
                .send("To: <erin@partner.example>")
                .send("Subject: Through the MX port")
                .send("")
                .send("Hello Erin.");
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(outbound.mailsTo("erin@partner.example")).singleElement()
                .satisfies(mail -> assertThat(mail.sender()).isEqualTo(ALICE)));
    }

    private static LineDialogue mxSession() {
        LineDialogue smtp = SmtpSessions.greeted(server.port(25));
        assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
        return smtp;
    }
}
