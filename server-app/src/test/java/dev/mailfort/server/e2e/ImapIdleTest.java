/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import javax.mail.event.MessageCountAdapter;
import javax.mail.event.MessageCountEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.mail.imap.IMAPFolder;

import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/** Push over IMAP IDLE (RFC 2177): a client waiting in IDLE learns of mail delivered by SMTP without asking. */
class ImapIdleTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private final ExecutorService idler = Executors.newSingleThreadExecutor();
    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "idle", "example.com");
    }

    @AfterEach
    void stopIdler() throws InterruptedException {
        idler.shutdownNow();
        idler.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void clientInIdleIsToldOfNewMailAndLeavesWithDone() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(ImapSessions.exchange(imap, "S1", "SELECT INBOX")).contains("* 0 EXISTS");
            assertThat(imap.send("I1 IDLE").readLine()).isEqualTo("+ Idling");

            sendMessage("Pushed to you");

            assertThat(imap.readUntil("* 1 EXISTS")).allSatisfy(line -> assertThat(line).startsWith("* "));
            assertThat(imap.send("DONE").readUntil("I1 ")).last().isEqualTo("I1 OK IDLE completed.");
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).contains("Subject: Pushed to you");
        }
    }

    @Test
    void everyDeliveryDuringOneIdleIsAnnounced() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(ImapSessions.exchange(imap, "S1", "SELECT INBOX")).contains("* 0 EXISTS");
            assertThat(imap.send("I1 IDLE").readLine()).isEqualTo("+ Idling");

            sendMessage("First push");
            assertThat(imap.readUntil("* 1 EXISTS")).isNotEmpty();
            sendMessage("Second push");
            assertThat(imap.readUntil("* 2 EXISTS")).isNotEmpty();

            assertThat(imap.send("DONE").readUntil("I1 ")).last().isEqualTo("I1 OK IDLE completed.");
        }
    }

    @Test
    void mailClientIdlingOverStartTlsReceivesTheNewMessage() throws Exception {
        try (Store store = MailClients.imapStartTls(server, user.address(), user.password())) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> announced = new CopyOnWriteArrayList<>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    for (Message message : event.getMessages()) {
                        announced.add(String.valueOf(message.getMessageNumber()));
                    }
                }
            });
            Future<?> idling = idler.submit(() -> {
                // "once": back after the first push. A delivery that lands before IDLE starts is pushed too, at
                // the start of IDLE, so the test needs no wait for the client to be idling.
                inbox.idle(true);
                return null;
            });
            sendMessage("For the idle client");

            idling.get(30, TimeUnit.SECONDS);
            // Jakarta Mail hands events to listeners on its own dispatch thread.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(announced).containsExactly("1"));
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("For the idle client");
            inbox.close(false);
        }
    }

    private void sendMessage(String subject) {
        new InternetSender(server).send("alice@sender.example", user.address(),
            InboundMessage.from("Alice", "alice@sender.example").to(user).subject(subject).body("Hello.\n").build().text());
    }
}
