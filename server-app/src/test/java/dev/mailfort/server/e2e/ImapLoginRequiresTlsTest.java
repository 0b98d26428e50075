/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import javax.mail.AuthenticationFailedException;
import javax.mail.Folder;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * No IMAP password travels in clear text: on 143 the server announces LOGINDISABLED and refuses LOGIN and
 * AUTHENTICATE with {@code NO [PRIVACYREQUIRED]} (RFC 3501 6.2.3, RFC 5530) until STARTTLS; on TLS a wrong password
 * opens nothing.
 */
class ImapLoginRequiresTlsTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static MailUser bob;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        bob = MailUser.create(server, "bob", "example.com");
    }

    @Test
    void capabilityBeforeStartTlsOffersStartTlsAndNoWayToLogIn() {
        try (LineDialogue imap = plainConnection()) {
            String capabilities = imap.send("C1 CAPABILITY").readLine();
            assertThat(imap.readLine()).startsWith("C1 OK ");

            assertThat(capabilities).startsWith("* CAPABILITY ");
            assertThat(capabilities.split(" ")).contains("IMAP4REV1", "STARTTLS", "LOGINDISABLED");
            assertThat(capabilities).doesNotContain("AUTH=").doesNotContain("SASL-IR");
        }
    }

    @Test
    void loginBeforeStartTlsIsRefusedWithPrivacyRequired() {
        try (LineDialogue imap = plainConnection()) {
            assertThat(imap.imap("L1", "LOGIN " + bob.imapLoginArguments())).startsWith("L1 NO [PRIVACYREQUIRED] ");

            assertThat(imap.imap("S1", "SELECT INBOX")).isEqualTo("S1 NO SELECT failed. Command not valid in this state.");
        }
    }

    @Test
    void authenticatePlainBeforeStartTlsIsRefusedWithoutAskingForCredentials() {
        try (LineDialogue imap = plainConnection()) {
            assertThat(imap.send("A1 AUTHENTICATE PLAIN").readLine()).startsWith("A1 NO [PRIVACYREQUIRED] ");

            assertThat(imap.imap("S1", "SELECT INBOX")).isEqualTo("S1 NO SELECT failed. Command not valid in this state.");
        }
    }

    @Test
    void authenticatePlainWithInitialResponseBeforeStartTlsIsRefused() {
        try (LineDialogue imap = plainConnection()) {
            assertThat(imap.imap("A1", "AUTHENTICATE PLAIN " + plainCredentials(bob))).startsWith("A1 NO [PRIVACYREQUIRED] ");

            assertThat(imap.imap("S1", "SELECT INBOX")).isEqualTo("S1 NO SELECT failed. Command not valid in this state.");
        }
    }

    @Test
    void afterStartTlsTheServerOffersLoginAndNoSecondStartTls() {
        try (LineDialogue imap = plainConnection()) {
            assertThat(imap.imap("T1", "STARTTLS")).startsWith("T1 OK ");
            imap.startTls();

            String capabilities = imap.send("C1 CAPABILITY").readLine();
            assertThat(imap.readLine()).startsWith("C1 OK ");
            assertThat(capabilities.split(" ")).contains("IMAP4REV1", "AUTH=PLAIN").doesNotContain("LOGINDISABLED", "STARTTLS");
        }
    }

    @Test
    void loginAfterStartTlsOpensTheMailbox() {
        try (LineDialogue imap = plainConnection()) {
            assertThat(imap.imap("T1", "STARTTLS")).startsWith("T1 OK ");
            imap.startTls();

            assertThat(imap.imap("L1", "LOGIN " + bob.imapLoginArguments())).isEqualTo("L1 OK LOGIN completed.");
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
        }
    }

    @Test
    void authenticatePlainAfterStartTlsOpensTheMailbox() {
        try (LineDialogue imap = plainConnection()) {
            assertThat(imap.imap("T1", "STARTTLS")).startsWith("T1 OK ");
            imap.startTls();

            assertThat(imap.imap("A1", "AUTHENTICATE PLAIN " + plainCredentials(bob))).startsWith("A1 OK ");
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
        }
    }

    @Test
    void wrongPasswordOverImplicitTlsIsRefusedAndTheMailboxStaysClosed() {
        try (LineDialogue imap = LineDialogue.connectTls(server.port(993))) {
            assertThat(imap.readLine()).startsWith("* OK ");

            assertThat(imap.imap("L1", "LOGIN \"" + bob.address() + "\" \"not-the-password\""))
                .isEqualTo("L1 NO LOGIN failed. Invalid login/password.");
            assertThat(imap.imap("S1", "SELECT INBOX")).isEqualTo("S1 NO SELECT failed. Command not valid in this state.");
        }
    }

    @Test
    void mailClientWithWrongPasswordGetsAnAuthenticationFailure() {
        assertThatThrownBy(() -> MailClients.imaps(server, bob.address(), "not-the-password"))
            .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void mailClientConfiguredForStartTlsReadsTheInbox() throws Exception {
        try (Store store = MailClients.imapStartTls(server, bob.address(), bob.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            inbox.close(false);
        }
    }

    @Test
    void mailClientWithoutTlsCannotLogInOnPort143() {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");

        assertThatThrownBy(() -> {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("127.0.0.1", server.port(143), bob.address(), bob.password());
            store.close();
        }).isInstanceOf(MessagingException.class)
            // LOGINDISABLED and no AUTH= leave the client nothing to send the password with.
            .hasMessage("No login methods supported!");
    }

    private static LineDialogue plainConnection() {
        LineDialogue imap = LineDialogue.connect(server.port(143));
        assertThat(imap.readLine()).startsWith("* OK ");
        return imap;
    }

    private static String plainCredentials(MailUser user) {
        String credentials = "\0" + user.address() + "\0" + user.password();
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
