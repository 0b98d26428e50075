/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.Pop3Sessions;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/** A mailbox read over POP3 (RFC 1939) after mail arrived by SMTP: STAT, LIST, RETR, DELE, RSET, UIDL. */
class Pop3MailboxTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final Pattern STAT = Pattern.compile("\\+OK (\\d+) (\\d+)");

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "pop", "example.com");
    }

    @Test
    void statCountsTheMessagesAndListGivesEachSize() {
        deliver("First", 1);
        deliver("Second", 2);

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            Matcher stat = STAT.matcher(pop3.send("STAT").readLine());
            assertThat(stat.matches()).isTrue();
            assertThat(stat.group(1)).isEqualTo("2");

            List<String> list = Pop3Sessions.multiline(pop3, "LIST");
            assertThat(list).hasSize(3);
            assertThat(list.get(0)).isEqualTo("+OK 2 " + stat.group(2));
            assertThat(list.get(1)).matches("1 \\d+");
            assertThat(list.get(2)).matches("2 \\d+");
            assertThat(sizeIn(list.get(1)) + sizeIn(list.get(2))).isEqualTo(Long.parseLong(stat.group(2)));
            assertThat(pop3.send("LIST 2").readLine()).isEqualTo("+OK " + list.get(2));
        }
    }

    @Test
    void retrReturnsTheWholeMessageThatWasSent() throws Exception {
        InboundMessage sent = InboundMessage.from("Alice", "alice@sender.example").to(user).subject("Full text")
            .body("Dear Bob,\n.a line that starts with a dot\n\nAlice\n").build();
        new InternetSender(server).deliver(server, user, sent, 1);

        POP3SClient client = Pop3Sessions.implicitTlsClient(server);
        try {
            assertThat(client.login(user.address(), user.password())).isTrue();
            String retrieved;
            try (Reader reader = client.retrieveMessage(1)) {
                retrieved = readAll(reader).replace("\r\n", "\n");
            }

            int endOfHeader = retrieved.indexOf("\n\n");
            String header = retrieved.substring(0, endOfHeader + 1);
            String body = retrieved.substring(endOfHeader + 2);
            assertThat(header)
                .startsWith("Return-Path: <alice@sender.example>\n")
                .contains("\nDelivered-To: " + user.address() + "\n")
                .contains("\nReceived: from ")
                .contains("(EHLO mail.sender.example)")
                // What the scanners found is part of the message the user reads.
                .contains("\nX-Virus-Status: clean\n")
                .contains("\nX-Spam-Status: No, ")
                .contains("From: Alice <alice@sender.example>\n")
                .contains("To: <" + user.address() + ">\n")
                .contains("Subject: Full text\n")
                .contains("Message-ID: " + sent.messageId() + "\n");
            assertThat(body).isEqualTo("Dear Bob,\n.a line that starts with a dot\n\nAlice\n");
        } finally {
            client.logout();
            client.disconnect();
        }
    }

    @Test
    void retrSendsAsManyOctetsAsListAnnounced() {
        deliver("Counted", 1);

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            long listed = sizeIn(pop3.send("LIST 1").readLine().substring("+OK ".length()));

            List<String> retr = Pop3Sessions.multiline(pop3, "RETR 1");
            assertThat(retr.get(0)).isEqualTo("+OK Message follows");
            long octets = retr.subList(1, retr.size()).stream()
                .map(line -> line.startsWith("..") ? line.substring(1) : line)
                .mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 2)
                .sum();
            assertThat(octets).isEqualTo(listed);
        }
    }

    @Test
    void deletedMessageIsGoneOnceTheSessionQuits() throws Exception {
        deliver("Delete me", 1);
        deliver("Keep me", 2);

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            assertThat(pop3.send("DELE 1").readLine()).isEqualTo("+OK Message deleted");
            assertThat(pop3.send("STAT").readLine()).startsWith("+OK 1 ");
            assertThat(pop3.send("RETR 1").readLine()).startsWith("-ERR");
            assertThat(pop3.send("QUIT").readLine()).startsWith("+OK ");
        }

        POP3SClient client = Pop3Sessions.implicitTlsClient(server);
        try {
            assertThat(client.login(user.address(), user.password())).isTrue();
            assertThat(client.status().number).isEqualTo(1);
            client.logout();
        } finally {
            client.disconnect();
        }
        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(Arrays.stream(inbox.getMessages()).map(Pop3MailboxTest::subject)).containsExactly("Keep me");
            inbox.close(false);
        }
    }

    @Test
    void deleWithoutQuitDeletesNothing() {
        deliver("Interrupted", 1);

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            assertThat(pop3.send("DELE 1").readLine()).isEqualTo("+OK Message deleted");
        }

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            assertThat(pop3.send("STAT").readLine()).startsWith("+OK 1 ");
        }
        assertThat(MailboxCounts.messageCount(server, user, "INBOX")).hasValue(1);
    }

    @Test
    void rsetUndoesDele() {
        deliver("Almost deleted", 1);
        deliver("Also almost deleted", 2);

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            String before = pop3.send("STAT").readLine();
            assertThat(pop3.send("DELE 1").readLine()).isEqualTo("+OK Message deleted");
            assertThat(pop3.send("DELE 2").readLine()).isEqualTo("+OK Message deleted");
            assertThat(pop3.send("STAT").readLine()).isEqualTo("+OK 0 0");

            assertThat(pop3.send("RSET").readLine()).startsWith("+OK");

            assertThat(pop3.send("STAT").readLine()).isEqualTo(before);
            assertThat(pop3.send("QUIT").readLine()).startsWith("+OK ");
        }
        assertThat(MailboxCounts.messageCount(server, user, "INBOX")).hasValue(2);
    }

    @Test
    void uidlIdentifiesAMessageTheSameWayInEverySession() {
        deliver("Alpha", 1);
        deliver("Beta", 2);

        List<String> firstSession;
        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            firstSession = Pop3Sessions.multiline(pop3, "UIDL");
            assertThat(pop3.send("QUIT").readLine()).startsWith("+OK ");
        }
        assertThat(firstSession).hasSize(3);
        assertThat(firstSession.get(0)).isEqualTo("+OK unique-id listing follows");
        String alpha = uidIn(firstSession.get(1), 1);
        String beta = uidIn(firstSession.get(2), 2);
        assertThat(alpha).isNotEqualTo(beta);

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            assertThat(Pop3Sessions.multiline(pop3, "UIDL")).isEqualTo(firstSession);
            assertThat(pop3.send("UIDL 2").readLine()).isEqualTo("+OK 2 " + beta);
            assertThat(pop3.send("DELE 1").readLine()).isEqualTo("+OK Message deleted");
            assertThat(pop3.send("QUIT").readLine()).startsWith("+OK ");
        }

        try (LineDialogue pop3 = Pop3Sessions.loggedIn(server, user)) {
            assertThat(Pop3Sessions.multiline(pop3, "UIDL")).containsExactly("+OK unique-id listing follows", "1 " + beta);
        }
    }

    @Test
    void mailClientOverStlsReadsTheMailbox() throws Exception {
        deliver("Over STLS", 1);

        POP3SClient client = Pop3Sessions.stlsClient(server);
        try {
            assertThat(client.login(user.address(), user.password())).isTrue();
            POP3MessageInfo status = client.status();
            assertThat(status.number).isEqualTo(1);
            POP3MessageInfo[] listed = client.listMessages();
            assertThat(listed).hasSize(1);
            assertThat(listed[0].size).isEqualTo(status.size);
            try (Reader reader = client.retrieveMessage(1)) {
                assertThat(readAll(reader)).contains("Subject: Over STLS\r\n");
            }
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    private void deliver(String subject, int expectedCount) {
        new InternetSender(server).deliver(server, user,
            InboundMessage.from("Alice", "alice@sender.example").to(user).subject(subject).body("Body of: " + subject + "\n").build(),
            expectedCount);
    }

    private static long sizeIn(String scanListing) {
        return Long.parseLong(scanListing.substring(scanListing.indexOf(' ') + 1));
    }

    /** RFC 1939 7: a unique-id is 1 to 70 printable characters. */
    private static String uidIn(String uniqueIdListing, int messageNumber) {
        assertThat(uniqueIdListing).matches(messageNumber + " [\\x21-\\x7E]{1,70}");
        return uniqueIdListing.substring(uniqueIdListing.indexOf(' ') + 1);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
