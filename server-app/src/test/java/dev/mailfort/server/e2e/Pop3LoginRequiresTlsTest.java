/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.Pop3Sessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * No POP3 password travels in clear text: on 110 the server hides USER from CAPA and refuses every login command
 * with {@code -ERR [AUTH]} (RFC 2449, RFC 3206) until STLS (RFC 2595); on TLS a wrong password opens nothing.
 */
class Pop3LoginRequiresTlsTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final String TLS_REQUIRED =
        "-ERR [AUTH] Authentication is only possible over TLS: issue STLS first, or use port 995";

    private static MailUser bob;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        bob = MailUser.create(server, "bob", "example.com");
    }

    @Test
    void capaBeforeStlsOffersStlsAndNoWayToLogIn() {
        try (LineDialogue pop3 = plainConnection()) {
            List<String> capa = Pop3Sessions.multiline(pop3, "CAPA");

            assertThat(capa.get(0)).isEqualTo("+OK Capability list follows");
            assertThat(capa).contains("STLS").doesNotContain("USER").noneMatch(line -> line.startsWith("SASL"));
        }
    }

    @Test
    void userAndPassBeforeStlsAreRefusedAndNobodyIsLoggedIn() {
        try (LineDialogue pop3 = plainConnection()) {
            assertThat(pop3.send("USER " + bob.address()).readLine()).isEqualTo(TLS_REQUIRED);
            assertThat(pop3.send("PASS " + bob.password()).readLine()).isEqualTo(TLS_REQUIRED);

            assertThat(pop3.send("STAT").readLine()).startsWith("-ERR");
        }
    }

    @Test
    void apopAndAuthBeforeStlsAreRefused() {
        try (LineDialogue pop3 = plainConnection()) {
            assertThat(pop3.send("APOP " + bob.address() + " c4c9334bac560ecc979e58001b3e22fb").readLine()).isEqualTo(TLS_REQUIRED);
            assertThat(pop3.send("AUTH PLAIN").readLine()).isEqualTo(TLS_REQUIRED);
        }
    }

    @Test
    void afterStlsCapaOffersUserAndNoSecondStls() {
        try (LineDialogue pop3 = plainConnection()) {
            assertThat(pop3.send("STLS").readLine()).isEqualTo("+OK Begin TLS negotiation");
            pop3.startTls();

            assertThat(Pop3Sessions.multiline(pop3, "CAPA")).contains("USER").doesNotContain("STLS");
        }
    }

    @Test
    void userAndPassAfterStlsOpenTheMailbox() {
        try (LineDialogue pop3 = plainConnection()) {
            assertThat(pop3.send("STLS").readLine()).isEqualTo("+OK Begin TLS negotiation");
            pop3.startTls();

            assertThat(pop3.send("USER " + bob.address()).readLine()).startsWith("+OK");
            assertThat(pop3.send("PASS " + bob.password()).readLine()).isEqualTo("+OK Welcome " + bob.address());
            assertThat(pop3.send("STAT").readLine()).isEqualTo("+OK 0 0");
            assertThat(pop3.send("QUIT").readLine()).startsWith("+OK ");
        }
    }

    @Test
    void wrongPasswordOverImplicitTlsIsRefusedAndTheMailboxStaysClosed() {
        try (LineDialogue pop3 = LineDialogue.connectTls(server.port(995))) {
            assertThat(pop3.readLine()).startsWith("+OK ");
            assertThat(pop3.send("USER " + bob.address()).readLine()).startsWith("+OK");

            assertThat(pop3.send("PASS not-the-password").readLine()).isEqualTo("-ERR Authentication failed.");

            assertThat(pop3.send("STAT").readLine()).startsWith("-ERR");
        }
    }

    @Test
    void mailClientWithoutTlsCannotLogInOnPort110() throws Exception {
        POP3Client client = new POP3Client();
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", server.port(110));
        try {
            assertThat(client.login(bob.address(), bob.password())).isFalse();
            assertThat(client.getReplyString()).startsWith("-ERR [AUTH] ");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mailClientUsingStlsLogsIn() throws Exception {
        POP3SClient client = Pop3Sessions.stlsClient(server);
        try {
            assertThat(client.login(bob.address(), bob.password())).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mailClientOnImplicitTlsLogsIn() throws Exception {
        POP3SClient client = Pop3Sessions.implicitTlsClient(server);
        try {
            assertThat(client.login(bob.address(), bob.password())).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    private static LineDialogue plainConnection() {
        LineDialogue pop3 = LineDialogue.connect(server.port(110));
        assertThat(pop3.readLine()).startsWith("+OK ");
        return pop3;
    }
}
