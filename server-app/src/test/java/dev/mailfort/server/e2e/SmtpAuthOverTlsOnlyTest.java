/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mailfort.server.e2e.support.SmtpCredentials;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * No password in clear text on any SMTP port: before STARTTLS, the MX (25) and submission (587) neither advertise
 * AUTH nor accept it (RFC 4954 section 4: {@code 538 5.7.11}), whatever the mechanism, and credentials sent anyway
 * open nothing. Once the connection is encrypted, AUTH is advertised and works.
 */
class SmtpAuthOverTlsOnlyTest {
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PASSWORD = "alice-Secret-42";
    private static final String ENCRYPTION_REQUIRED = "538 5.7.11 Encryption required for requested authentication mechanism";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        server.webAdmin().addUser(ALICE, ALICE_PASSWORD);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {25, 587})
    void ehloBeforeTlsOffersStartTlsButNotAuth(int port) {
        try (LineDialogue smtp = SmtpSessions.greeted(server.port(port))) {
            String ehlo = smtp.smtp("EHLO " + SmtpSessions.CLIENT_NAME);

            assertThat(ehlo.lines()).contains("250 STARTTLS").noneMatch(line -> line.substring(4).startsWith("AUTH"));
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {25, 587})
    void authPlainWithCredentialsBeforeTlsIsRefusedWith538(int port) {
        try (LineDialogue smtp = clearTextSession(port)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, ALICE_PASSWORD))).isEqualTo(ENCRYPTION_REQUIRED);
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {25, 587})
    void authPlainBeforeTlsIsRefusedWith538WithoutAskingForCredentials(int port) {
        try (LineDialogue smtp = clearTextSession(port)) {
            assertThat(smtp.smtp("AUTH PLAIN")).isEqualTo(ENCRYPTION_REQUIRED);
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {25, 587})
    void authLoginBeforeTlsIsRefusedWith538WithoutAskingForTheUserName(int port) {
        try (LineDialogue smtp = clearTextSession(port)) {
            assertThat(smtp.smtp("AUTH LOGIN")).isEqualTo(ENCRYPTION_REQUIRED);
            assertThat(smtp.smtp("AUTH LOGIN " + SmtpCredentials.base64(ALICE))).isEqualTo(ENCRYPTION_REQUIRED);
        }
    }

    @ParameterizedTest(name = "port {0}")
    @CsvSource(delimiter = '|', value = {
        "25  | 530 5.7.1 Authentication Required",
        "587 | 530 5.7.0 Authentication required"})
    void credentialsRefusedBeforeTlsDoNotAuthenticateTheSession(int port, String unauthenticatedSenderRefusal) {
        try (LineDialogue smtp = clearTextSession(port)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, ALICE_PASSWORD))).isEqualTo(ENCRYPTION_REQUIRED);

            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo(unauthenticatedSenderRefusal);
        }
    }

    @Test
    void credentialsRefusedBeforeTlsDoNotOpenRelayingOnPort25() {
        try (LineDialogue smtp = clearTextSession(25)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, ALICE_PASSWORD))).isEqualTo(ENCRYPTION_REQUIRED);
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).isEqualTo("250 2.1.0 Sender <someone@sender.example> OK");

            assertThat(smtp.smtp("RCPT TO:<carol@external.example>")).isEqualTo("550 5.7.1 Requested action not taken: relaying denied");
            assertThat(smtp.smtp("DATA")).isEqualTo("503 5.5.0 No recipients specified");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @CsvSource(delimiter = '|', value = {
        "25  | 530 5.7.1 Authentication Required",
        "587 | 530 5.7.0 Authentication required"})
    void credentialsRefusedBeforeTlsAreNotRememberedAfterStartTls(int port, String unauthenticatedSenderRefusal) {
        try (LineDialogue smtp = clearTextSession(port)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, ALICE_PASSWORD))).isEqualTo(ENCRYPTION_REQUIRED);
            assertThat(smtp.smtp("STARTTLS")).startsWith("220 ");
            smtp.startTls();
            assertThat(smtp.smtp("EHLO " + SmtpSessions.CLIENT_NAME)).startsWith("250");

            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo(unauthenticatedSenderRefusal);
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {25, 587})
    void afterStartTlsEhloAdvertisesAuthAndAuthPlainSucceedsWith235(int port) {
        try (LineDialogue smtp = clearTextSession(port)) {
            assertThat(smtp.smtp("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            smtp.startTls();

            assertThat(smtp.smtp("EHLO " + SmtpSessions.CLIENT_NAME).lines()).contains("250-AUTH LOGIN PLAIN");
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, ALICE_PASSWORD))).isEqualTo("235 Authentication Successful");
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).isEqualTo("250 2.1.0 Sender <alice@example.com> OK");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {25, 587})
    void afterStartTlsAuthLoginAsksForUserNameAndPasswordAndSucceedsWith235(int port) {
        try (LineDialogue smtp = SmtpSessions.encryptedWithStartTls(server.port(port))) {
            assertThat(smtp.smtp("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(smtp.smtp(SmtpCredentials.base64(ALICE))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(smtp.smtp(SmtpCredentials.base64(ALICE_PASSWORD))).isEqualTo("235 Authentication Successful");
        }
    }

    @Test
    void implicitTlsOn465AdvertisesAuthFromTheFirstEhlo() {
        try (LineDialogue smtp = LineDialogue.connectTls(server.port(465))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");

            assertThat(smtp.smtp("EHLO " + SmtpSessions.CLIENT_NAME).lines()).contains("250-AUTH LOGIN PLAIN").doesNotContain("250 STARTTLS");
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(ALICE, ALICE_PASSWORD))).isEqualTo("235 Authentication Successful");
        }
    }

    private static LineDialogue clearTextSession(int port) {
        LineDialogue smtp = SmtpSessions.greeted(server.port(port));
        assertThat(smtp.smtp("EHLO " + SmtpSessions.CLIENT_NAME)).startsWith("250");
        return smtp;
    }
}
