/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.local.rabbitmq.LocalRabbitMQ;
import dev.mailfort.server.e2e.support.RoutingConf;
import dev.mailfort.server.e2e.support.SmtpSink;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.SmtpTransaction;
import dev.mailfort.testing.cassandra.CassandraExtension;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;

/**
 * RabbitMQ restarted under a cluster node receiving mail: every mail it acknowledged, before or after the outage, is
 * delivered, and SMTP answers 4xx (never 250) while the broker is away. Uses a broker of its own, since it stops it.
 */
class RabbitMQRestartTest {
    private static final String DOMAIN = "example.com";
    private static final String USER = "ivy@" + DOMAIN;
    private static final String PASSWORD = "Secret-42-restart";

    private static final SmtpSink PARTNER = SmtpSink.start();

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    static Path roots;

    private static LocalRabbitMQ broker;
    private static ClusterNode node;

    @BeforeAll
    static void startBrokerAndNode() {
        broker = LocalRabbitMQ.in(roots.resolve("rabbitmq"));
        broker.start();
        node = ClusterNode.prepare("A", roots.resolve("a"), cassandra, RabbitMQVhost.create(broker, "restart"));
        RoutingConf.transportMap(node.directory(), "*    relay:[127.0.0.1]:" + PARTNER.port());
        node.start();
        node.webAdmin().addDomain(DOMAIN);
        node.webAdmin().addUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopAll() {
        if (node != null) {
            node.close();
        }
        if (broker != null) {
            broker.close();
        }
        PARTNER.close();
    }

    @Test
    void acknowledgedMailSurvivesABrokerRestartAndSmtpAnswers4xxWhileTheBrokerIsAway() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            for (int i = 1; sending.get(); i++) {
                String messageId = "<restart-" + i + "@sender.example>";
                if (trySend(messageId)) {
                    acknowledged.add(messageId);
                }
            }
        });
        load.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 15);
        broker.stop();

        assertThat(replyToEndOfData("<during-outage@sender.example>")).as("SMTP while RabbitMQ is down").startsWith("4");

        int acknowledgedBeforeTheRestart = acknowledged.size();
        broker.start();
        awaitNodeBackWithTheBroker();
        await("mail accepted again after the restart").atMost(Duration.ofMinutes(1))
            .until(() -> acknowledged.size() >= acknowledgedBeforeTheRestart + 10);
        sending.set(false);
        load.join(60_000);

        try (LineDialogue imap = node.imap(USER, PASSWORD)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ClusterNode.inboxMessageIds(imap), delivered -> delivered.containsAll(acknowledged));
        }
    }

    @Test
    void afterAQuietBrokerRestartInboundAndOutgoingMailFlowAndIdleIsNotified() {
        broker.stop();
        broker.start();
        awaitNodeBackWithTheBroker();

        try (LineDialogue idle = node.imap(USER, PASSWORD)) {
            List<String> selected = idle.send("i1 SELECT INBOX").readUntil("i1 ");
            String exists = selected.stream().filter(line -> line.endsWith(" EXISTS")).findFirst().orElseThrow();
            int before = Integer.parseInt(exists.split(" ")[1]);
            idle.send("i2 IDLE");
            assertThat(idle.readLine()).startsWith("+ ");
            for (int i = 1; i <= 3; i++) {
                String messageId = "<quiet-restart-" + i + "@sender.example>";
                await().atMost(Duration.ofSeconds(60)).until(() -> replyToEndOfData(messageId).startsWith("250"));
                assertThat(nextExists(idle)).isEqualTo("* " + (before + i) + " EXISTS");
            }
            idle.send("DONE");
            idle.readUntil("i2 ");
        }

        try (LineDialogue submission = LineDialogue.connectTls(node.port(465))) {
            assertThat(submission.readSmtpReply()).startsWith("220");
            submission.smtp("EHLO client.example");
            String credentials = Base64.getEncoder()
                .encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(submission.smtp("AUTH PLAIN " + credentials)).startsWith("235");
            assertThat(submission.smtp("MAIL FROM:<" + USER + ">")).startsWith("250");
            assertThat(submission.smtp("RCPT TO:<kim@partner.example>")).startsWith("250");
            assertThat(submission.smtp("DATA")).startsWith("354");
            submission.send("From: Ivy <" + USER + ">").send("To: <kim@partner.example>")
                .send("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
                .send("Subject: leaves after the restart").send("Message-ID: <outbound-1@example.com>").send("")
                .send("Outbound.");
            assertThat(submission.smtp(".")).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> PARTNER.receivedFor("kim@partner.example").stream()
                .anyMatch(mail -> mail.text().contains("leaves after the restart")));
    }

    /**
     * Waits for the node to be healthy again, the broker being ready. Reconnection attempts are at most 2 s apart
     * (ConnectionAttempts): 30 s leaves a loaded machine room, and still fails the 40 to 90 s that James's own
     * backoffs used to take.
     */
    private static void awaitNodeBackWithTheBroker() {
        await("the node healthy again, the broker being ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> node.webAdmin().get("/healthcheck/checks/RabbitMQ%20backend").status() == 200);
    }

    /** The next EXISTS announcement of an IDLE session, skipping the RECENT (and any other) lines around it. */
    private static String nextExists(LineDialogue idle) {
        String line = idle.readLine();
        while (!line.endsWith(" EXISTS")) {
            line = idle.readLine();
        }
        return line;
    }

    private static boolean trySend(String messageId) {
        try {
            return replyToEndOfData(messageId).startsWith("250");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String replyToEndOfData(String messageId) {
        return SmtpTransaction.replyToEndOfData(node.port(25), "dave@sender.example", USER, messageId,
            "across a broker restart");
    }
}
