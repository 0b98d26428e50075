/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.ManageSieveSessions;
import dev.mailfort.server.e2e.support.SmtpCredentials;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * Failed logins slowed down, then refused per client address, across SMTP, IMAP and POP3 (conf/abuse.properties,
 * lowered here to a block after 3 failures). Each test connects from a loopback address of its own (127.0.0.x),
 * which the server tracks separately, so the tests do not depend on each other.
 */
class AbuseControlsTest {
    private static final String SENDER = "someone@sender.example";
    private static final String TOO_MANY_CONNECTIONS = "421 4.7.0 Too many connections from your address, try again later";
    private static final String MESSAGE_TOO_BIG = "552 5.3.4 Message size exceeds fixed maximum message size";
    private static final String SMTP_BLOCKED = "421 4.7.0 Too many failed logins from your address, try again in 15 minutes";
    private static final String SMTP_BAD_CREDENTIALS = "535 5.7.8 Authentication credentials invalid";
    private static final String IMAP_BLOCKED = "NO [UNAVAILABLE] Too many failed logins from your address, try again in 15 minutes";
    private static final String SIEVE_BLOCKED = "NO (TRYLATER) \"Too many failed logins from your address, try again in 15 minutes\"";
    private static final String POP3_BLOCKED = "-ERR [SYS/TEMP] Too many failed logins from your address, try again in 15 minutes";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension()
        .withConf(dir -> {
            dir.replaceConf("abuse.properties", String.join("\n",
            "auth.failures.window=15m",
            "auth.failures.delayAfter=1",
            "auth.failures.delay=200ms",
            "auth.failures.blockAfter=3",
            "auth.failures.blockFor=15m",
            "auth.failures.accountDelayAfter=100",
            "auth.failures.exempt=127.0.0.99, 10.0.0.0/8",
                ""));
            // 2 MB instead of 50 MB, so that the size test stays small (the 1 MB header test still fits).
            dir.replaceConf("smtpserver.xml", dir.readConf("smtpserver.xml")
                .replace("<maxmessagesize>50M</maxmessagesize>", "<maxmessagesize>2M</maxmessagesize>"));
        });

    private static MailUser alice;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("abuse.example");
        alice = MailUser.create(server, "alice", "abuse.example");
    }

    @Test
    void theConnectionOverThePerAddressLimitOnPort25IsRefused() {
        List<LineDialogue> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                LineDialogue smtp = LineDialogue.connectFrom("127.0.0.31", server.port(25));
                open.add(smtp);
                assertThat(smtp.readSmtpReply()).as("connection %d", i + 1).startsWith("220 ");
            }
            LineDialogue refused = LineDialogue.connectFrom("127.0.0.31", server.port(25));
            open.add(refused);

            assertThat(refused.readSmtpReply()).isEqualTo(TOO_MANY_CONNECTIONS);
            assertThat(refused.isClosedByServer()).isTrue();
            try (LineDialogue otherClient = LineDialogue.connectFrom("127.0.0.32", server.port(25))) {
                assertThat(otherClient.readSmtpReply()).startsWith("220 ");
            }
        } finally {
            open.forEach(LineDialogue::close);
        }
    }

    @Test
    void theConnectionOverThePerAddressLimitOnImplicitTlsGetsItsRefusalEncrypted() {
        List<LineDialogue> open = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                LineDialogue smtps = LineDialogue.connectTlsFrom("127.0.0.40", server.port(465));
                open.add(smtps);
                assertThat(smtps.readSmtpReply()).as("connection %d", i + 1).startsWith("220 ");
            }
            LineDialogue refused = LineDialogue.connectTlsFrom("127.0.0.40", server.port(465));
            open.add(refused);

            assertThat(refused.readSmtpReply()).isEqualTo(TOO_MANY_CONNECTIONS);
            assertThat(refused.isClosedByServer()).isTrue();
        } finally {
            open.forEach(LineDialogue::close);
        }
    }

    @Test
    void theConnectionOverThePerAddressLimitOnImapGetsBye() throws Exception {
        List<LineDialogue> open = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                LineDialogue imap = LineDialogue.connectFrom("127.0.0.39", server.port(143));
                open.add(imap);
                assertThat(imap.readLine()).as("connection %d", i + 1).startsWith("* OK");
            }
            LineDialogue refused = LineDialogue.connectFrom("127.0.0.39", server.port(143));
            open.add(refused);

            assertThat(refused.readLine()).isEqualTo("* BYE Too many connections from your address, try again later");
            assertThat(refused.isClosedByServer()).isTrue();
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (LineDialogue again = LineDialogue.connectFrom("127.0.0.39", server.port(143))) {
                    assertThat(again.readLine()).startsWith("* OK");
                }
            });
        } finally {
            open.forEach(LineDialogue::close);
        }
    }

    @Test
    void theConnectionOverThePerAddressLimitOnPop3GetsSysTempErr() {
        List<LineDialogue> open = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                LineDialogue pop3 = LineDialogue.connectFrom("127.0.0.41", server.port(110));
                open.add(pop3);
                assertThat(pop3.readLine()).as("connection %d", i + 1).startsWith("+OK");
            }
            LineDialogue refused = LineDialogue.connectFrom("127.0.0.41", server.port(110));
            open.add(refused);

            assertThat(refused.readLine())
                .isEqualTo("-ERR [SYS/TEMP] Too many connections from your address, try again later");
            assertThat(refused.isClosedByServer()).isTrue();
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (LineDialogue again = LineDialogue.connectFrom("127.0.0.41", server.port(110))) {
                    assertThat(again.readLine()).startsWith("+OK");
                }
            });
        } finally {
            open.forEach(LineDialogue::close);
        }
    }

    @Test
    void theRecipientOverMaxRcptIsRefusedWith452() {
        try (LineDialogue smtp = transactionFrom("127.0.0.33")) {
            for (int i = 1; i <= 100; i++) {
                assertThat(smtp.smtp("RCPT TO:<" + tagged(i) + ">")).as("recipient %d", i).startsWith("250 ");
            }

            assertThat(smtp.smtp("RCPT TO:<" + tagged(101) + ">"))
                .isEqualTo("452 4.5.3 Requested action not taken: max recipients reached");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void aMessageOverMaxMessageSizeIsRefusedWith552AtTheEndOfData() {
        try (LineDialogue smtp = transactionFrom("127.0.0.34")) {
            assertThat(smtp.smtp("RCPT TO:<" + alice.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            sendHeaders(smtp);
            String line = "x".repeat(998);
            for (int i = 0; i < 2_200; i++) {
                smtp.send(line);
            }

            // James 3.8.1's MailSizeEsmtpExtension answers this one itself, without an enhanced status code: still
            // one 552 before any 250. The announced size gets the full "552 5.3.4" (next test).
            assertThat(smtp.smtp(".")).isEqualTo("552 Quota exceeded");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void aMessageAnnouncedOverMaxMessageSizeIsRefusedAtMailFrom() {
        try (LineDialogue smtp = LineDialogue.connectFrom("127.0.0.35", server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).contains("250-SIZE 2097152");

            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + "> SIZE=3000000")).isEqualTo(MESSAGE_TOO_BIG);
        }
    }

    @Test
    void aHeaderSectionOverOneMegabyteIsRefusedWith552BeforeThe250() {
        try (LineDialogue smtp = transactionFrom("127.0.0.36")) {
            assertThat(smtp.smtp("RCPT TO:<" + alice.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            sendHeaders(smtp);
            for (int i = 0; i < 20; i++) {
                smtp.send("X-Filler-" + i + ": " + "f".repeat(60_000));
            }
            smtp.send("");
            smtp.send("Body.");

            assertThat(smtp.smtp(".")).isEqualTo("552 5.3.4 Message header section larger than 1048576 bytes");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void mimeNestedDeeperThan100LevelsIsRefusedWith554BeforeThe250() {
        try (LineDialogue smtp = transactionFrom("127.0.0.37")) {
            assertThat(smtp.smtp("RCPT TO:<" + alice.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            sendNested(smtp, 101);

            assertThat(smtp.smtp(".")).isEqualTo("554 5.6.0 MIME structure nested deeper than 100 levels");
            assertThat(smtp.smtp("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void mimeNestedTo100LevelsPassesTheDepthCheck() {
        try (LineDialogue smtp = transactionFrom("127.0.0.38")) {
            assertThat(smtp.smtp("RCPT TO:<" + alice.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            sendNested(smtp, 100);

            assertThat(smtp.smtp(".")).doesNotContain("5.6.0").doesNotContain("5.3.4");
        }
    }

    @Test
    void smtpAuthFailuresGet535ThenTheAddressIsRefusedWith421AndDisconnected() {
        String client = "127.0.0.11";
        try (LineDialogue smtp = smtps(client)) {
            for (int i = 0; i < 3; i++) {
                assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), "wrong-" + i)))
                    .isEqualTo(SMTP_BAD_CREDENTIALS);
            }
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), alice.password())))
                .isEqualTo(SMTP_BLOCKED);
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void blockedAddressIsRefusedEvenWithTheRightPasswordOnANewConnection() {
        String client = "127.0.0.12";
        failSmtpLogins(client, 3);
        try (LineDialogue smtp = smtps(client)) {
            assertThat(smtp.smtp("AUTH LOGIN")).isEqualTo(SMTP_BLOCKED);
        }
    }

    @Test
    void otherAddressesStillLogIn() {
        failSmtpLogins("127.0.0.13", 3);
        try (LineDialogue smtp = smtps("127.0.0.14")) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), alice.password())))
                .isEqualTo("235 Authentication Successful");
        }
    }

    @Test
    void aSuccessfulLoginDoesNotWipeTheFailuresOfTheAddress() {
        String client = "127.0.0.15";
        failSmtpLogins(client, 2);
        try (LineDialogue smtp = smtps(client)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), alice.password())))
                .startsWith("235 ");
        }
        failSmtpLogins(client, 1);
        try (LineDialogue smtp = smtps(client)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), alice.password())))
                .isEqualTo(SMTP_BLOCKED);
        }
    }

    @Test
    void imapLoginFailuresLeadToNoUnavailable() {
        String client = "127.0.0.16";
        try (LineDialogue imap = imaps(client)) {
            assertThat(imap.imap("a1", "LOGIN \"" + alice.address() + "\" \"wrong-1\"")).startsWith("a1 NO ");
            assertThat(imap.imap("a2", "LOGIN \"" + alice.address() + "\" \"wrong-2\"")).startsWith("a2 NO ");
        }
        try (LineDialogue imap = imaps(client)) {
            assertThat(imap.imap("b1", "LOGIN \"" + alice.address() + "\" \"wrong-3\"")).startsWith("b1 NO ");
            assertThat(imap.imap("b2", "LOGIN " + alice.imapLoginArguments())).isEqualTo("b2 " + IMAP_BLOCKED);
            assertThat(imap.imap("b3", "AUTHENTICATE PLAIN")).isEqualTo("b3 " + IMAP_BLOCKED);
        }
    }

    @Test
    void pop3PassFailuresLeadToSysTempAndDisconnection() {
        String client = "127.0.0.17";
        try (LineDialogue pop3 = pop3s(client)) {
            for (int i = 0; i < 3; i++) {
                assertThat(pop3.send("USER " + alice.address()).readLine()).startsWith("+OK");
                assertThat(pop3.send("PASS wrong-" + i).readLine()).isEqualTo("-ERR Authentication failed.");
            }
            assertThat(pop3.send("USER " + alice.address()).readLine()).isEqualTo(POP3_BLOCKED);
            assertThat(pop3.isClosedByServer()).isTrue();
        }
    }

    @Test
    void manageSieveAuthenticateFailuresLeadToNoTryLater() {
        String client = "127.0.0.18";
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (LineDialogue sieve = LineDialogue.connectFrom(client, server.port(4190))) {
                ManageSieveSessions.connect(sieve);
                ManageSieveSessions.startTls(sieve);
                assertThat(ManageSieveSessions.authenticate(sieve, alice.address(), "wrong-" + attempt)).startsWith("NO ");
            }
        }
        try (LineDialogue sieve = LineDialogue.connectFrom(client, server.port(4190))) {
            ManageSieveSessions.connect(sieve);
            ManageSieveSessions.startTls(sieve);
            assertThat(ManageSieveSessions.authenticate(sieve, alice.address(), alice.password())).isEqualTo(SIEVE_BLOCKED);
        }
    }

    @Test
    void failuresOnOneProtocolCountOnTheOthers() {
        String client = "127.0.0.19";
        failSmtpLogins(client, 1);
        try (LineDialogue imap = imaps(client)) {
            assertThat(imap.imap("a1", "LOGIN \"" + alice.address() + "\" \"wrong\"")).startsWith("a1 NO ");
        }
        try (LineDialogue pop3 = pop3s(client)) {
            assertThat(pop3.send("USER " + alice.address()).readLine()).startsWith("+OK");
            assertThat(pop3.send("PASS wrong").readLine()).isEqualTo("-ERR Authentication failed.");
            assertThat(pop3.send("USER " + alice.address()).readLine()).isEqualTo(POP3_BLOCKED);
        }
        try (LineDialogue smtp = smtps(client)) {
            assertThat(smtp.smtp("AUTH PLAIN")).isEqualTo(SMTP_BLOCKED);
        }
    }

    @Test
    void exemptAddressesAreNeverBlocked() {
        String client = "127.0.0.99";
        failSmtpLogins(client, 4);
        try (LineDialogue smtp = smtps(client)) {
            assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), alice.password())))
                .isEqualTo("235 Authentication Successful");
        }
    }

    private static String tagged(int i) {
        return alice.address().replace("@", "+r" + i + "@");
    }

    private static LineDialogue transactionFrom(String client) {
        LineDialogue smtp = LineDialogue.connectFrom(client, server.port(25));
        assertThat(smtp.readSmtpReply()).startsWith("220 ");
        assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
        assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
        return smtp;
    }

    private static void sendHeaders(LineDialogue smtp) {
        smtp.send("Date: Mon, 2 Mar 2026 10:15:00 +0100");
        smtp.send("From: Sender <" + SENDER + ">");
        smtp.send("To: <" + alice.address() + ">");
        smtp.send("Subject: abuse limits");
        smtp.send("Message-ID: <" + System.nanoTime() + "@sender.example>");
    }

    /** A message whose multiparts nest {@code depth} levels deep, with one text part at the bottom. */
    private static void sendNested(LineDialogue smtp, int depth) {
        sendHeaders(smtp);
        smtp.send("MIME-Version: 1.0");
        for (int level = 1; level <= depth; level++) {
            smtp.send("Content-Type: multipart/mixed; boundary=\"b" + level + "\"");
            smtp.send("");
            smtp.send("--b" + level);
        }
        smtp.send("Content-Type: text/plain");
        smtp.send("");
        smtp.send("Deep.");
        for (int level = depth; level >= 1; level--) {
            smtp.send("--b" + level + "--");
        }
    }

    private static void failSmtpLogins(String client, int count) {
        try (LineDialogue smtp = smtps(client)) {
            for (int i = 0; i < count; i++) {
                assertThat(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(alice.address(), "wrong-" + i)))
                    .isEqualTo(SMTP_BAD_CREDENTIALS);
            }
        }
    }

    private static LineDialogue smtps(String client) {
        LineDialogue smtp = LineDialogue.connectTlsFrom(client, server.port(465));
        assertThat(smtp.readSmtpReply()).startsWith("220 ");
        assertThat(smtp.smtp("EHLO client.abuse.example")).startsWith("250");
        return smtp;
    }

    private static LineDialogue imaps(String client) {
        LineDialogue imap = LineDialogue.connectTlsFrom(client, server.port(993));
        assertThat(imap.readLine()).startsWith("* OK");
        return imap;
    }

    private static LineDialogue pop3s(String client) {
        LineDialogue pop3 = LineDialogue.connectTlsFrom(client, server.port(995));
        assertThat(pop3.readLine()).startsWith("+OK");
        return pop3;
    }
}
