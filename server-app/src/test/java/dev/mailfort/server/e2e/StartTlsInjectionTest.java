/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.hostile.RawConnection;

/**
 * STARTTLS command injection (RFC 3207 section 4, CVE-2011-0411 class): a command sent in clear text in the same
 * packet as STARTTLS / STLS must never be answered as if it had come inside TLS. James 3.8.1 detects it and drops the
 * connection; either that or ignoring the injected command is acceptable, answering it is not.
 */
class StartTlsInjectionTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    static MailUser recipient;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("injection.example");
        recipient = MailUser.create(server, "tess", "injection.example");
    }

    @Test
    void smtpCommandInjectedAfterStartTlsIsNotAnsweredInsideTls() {
        try (RawConnection smtp = RawConnection.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");

            assertInjectionAfterStartTlsIsNotAnswered(smtp);
        }
        assertSmtpServesTheNextClient();
    }

    /** James 3.8.1 stops looking for injected commands after the first DATA of a session and never starts again. */
    @Test
    void smtpCommandInjectedAfterStartTlsFollowingAMessageIsNotAnsweredInsideTls() {
        try (RawConnection smtp = RawConnection.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<sender@outside.example>")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.sendData(("Date: Mon, 2 Mar 2026 10:15:00 +0100\r\nFrom: <sender@outside.example>\r\nTo: <"
                + recipient.address() + ">\r\nSubject: before STARTTLS\r\nMessage-ID: <" + System.nanoTime()
                + "@outside.example>\r\n\r\nHello.\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(smtp.readSmtpReply()).startsWith("250 ");

            assertInjectionAfterStartTlsIsNotAnswered(smtp);
        }
        assertSmtpServesTheNextClient();
    }

    private static void assertInjectionAfterStartTlsIsNotAnswered(RawConnection smtp) {
        smtp.sendRaw("STARTTLS\r\nNOOP\r\n");

        String reply = firstReplyOrClosed(smtp::readSmtpReply);
        if (reply.startsWith("220 ")) {
            smtp.startTls();
            // The first reply inside TLS must be EHLO's (multi-line), not the injected NOOP's.
            assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250-");
        } else {
            assertThat(reply).matches("(closed|[45]\\d\\d .*)");
            assertThat(smtp.readTimeoutMillis(5_000).isClosedByServer()).isTrue();
        }
    }

    private static void assertSmtpServesTheNextClient() {
        try (RawConnection next = RawConnection.connect(server.port(25))) {
            assertThat(next.readSmtpReply()).startsWith("220 ");
            assertThat(next.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void imapCommandInjectedAfterStartTlsIsNotAnsweredInsideTls() {
        try (RawConnection imap = RawConnection.connect(server.port(143))) {
            assertThat(imap.readLine()).startsWith("* OK");
            imap.sendRaw("a STARTTLS\r\nb NOOP\r\n");

            String reply = firstReplyOrClosed(() -> lastOf(imap.readUntil("a ")));
            if (reply.startsWith("a OK")) {
                imap.startTls();
                List<String> answer = imap.send("c NOOP").readUntil("c ");
                assertThat(answer).noneMatch(line -> line.startsWith("b "));
                assertThat(answer).last().asString().startsWith("c OK");
            } else {
                assertThat(reply).matches("(closed|a (BAD|NO) .*)");
            }
        }
        try (RawConnection next = RawConnection.connect(server.port(143))) {
            assertThat(next.readLine()).startsWith("* OK");
            assertThat(next.imap("n", "NOOP")).startsWith("n OK");
        }
    }

    @Test
    void pop3CommandInjectedAfterStlsIsNotAnsweredInsideTls() {
        try (RawConnection pop3 = RawConnection.connect(server.port(110))) {
            assertThat(pop3.readLine()).startsWith("+OK");
            pop3.sendRaw("STLS\r\nCAPA\r\n");

            String reply = firstReplyOrClosed(pop3::readLine);
            if (reply.startsWith("+OK")) {
                pop3.startTls();
                // Inside TLS, the first answer must be NOOP's single line, not CAPA's list.
                assertThat(pop3.send("QUIT").readLine()).startsWith("+OK");
            } else {
                assertThat(reply).matches("(closed|-ERR.*)");
            }
        }
        try (RawConnection next = RawConnection.connect(server.port(110))) {
            assertThat(next.readLine()).startsWith("+OK");
        }
    }

    private static String lastOf(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static String firstReplyOrClosed(java.util.function.Supplier<String> reply) {
        try {
            return reply.get();
        } catch (IllegalStateException closed) {
            return "closed";
        } catch (java.io.UncheckedIOException reset) {
            if (reset.getCause() instanceof java.net.SocketTimeoutException) {
                throw reset;
            }
            return "closed";
        }
    }
}
