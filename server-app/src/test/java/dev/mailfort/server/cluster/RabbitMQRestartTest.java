/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.local.rabbitmq.LocalRabbitMQ;
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
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
            node.webAdmin().get("/healthcheck/checks/RabbitMQ%20backend").status() == 200);
        await("mail accepted again after the restart").atMost(Duration.ofMinutes(1))
            .until(() -> acknowledged.size() >= acknowledgedBeforeTheRestart + 10);
        sending.set(false);
        load.join(60_000);

        try (LineDialogue imap = node.imap(USER, PASSWORD)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ClusterNode.inboxMessageIds(imap), delivered -> delivered.containsAll(acknowledged));
        }
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
