/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.testing.cassandra.CassandraExtension;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;
import dev.mailfort.testing.rabbitmq.SharedRabbitMQ;

/**
 * A node killed (SIGKILL) while both nodes receive mail loses nothing it acknowledged: the mail it accepted is in
 * the shared queue and the blob store before its 250, and the mail it was processing goes back to the queue when its
 * RabbitMQ connection dies, for the surviving node to deliver. Delivery is at least once: a mail the dead node
 * stored just before dying may be delivered twice, never zero times.
 */
class ClusterNodeCrashTest {
    private static final String DOMAIN = "example.com";
    private static final String PASSWORD = "Secret-42-crash";
    private static final int MAILS_PER_NODE = 60;

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    static Path roots;

    private static ClusterNode nodeA;
    private static ClusterNode nodeB;

    @BeforeAll
    static void startCluster() {
        RabbitMQVhost vhost = RabbitMQVhost.create(SharedRabbitMQ.get(), "crash");
        nodeA = ClusterNode.prepare("A", roots.resolve("a"), cassandra, vhost).start();
        nodeB = ClusterNode.prepare("B", roots.resolve("b"), cassandra, vhost).start();
        nodeA.webAdmin().addDomain(DOMAIN);
        nodeA.webAdmin().addUser("gina@" + DOMAIN, PASSWORD);
    }

    @AfterAll
    static void stopCluster() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void everyMailAcknowledgedByEitherNodeIsDeliveredWhenOneIsKilledUnderLoad() {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> toA = CompletableFuture.runAsync(() -> sendUntilRefused(nodeA, "a", acknowledged));
        CompletableFuture<Void> toB = CompletableFuture.runAsync(() -> sendUntilRefused(nodeB, "b", acknowledged));

        await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.stream().filter(id -> id.startsWith("<a-")).count() >= 20);
        nodeA.kill();
        toA.join();
        toB.join();

        assertThat(acknowledged.stream().filter(id -> id.startsWith("<b-"))).hasSize(MAILS_PER_NODE);
        try (LineDialogue imap = nodeB.imap("gina@" + DOMAIN, PASSWORD)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ClusterNode.inboxMessageIds(imap), delivered -> delivered.containsAll(acknowledged));
        }
    }

    /** Sends numbered mails to a node, remembering those it answered 250 to, until all are sent or the node is gone. */
    private static void sendUntilRefused(ClusterNode node, String prefix, Set<String> acknowledged) {
        for (int i = 1; i <= MAILS_PER_NODE; i++) {
            String messageId = "<" + prefix + "-" + i + "@sender.example>";
            try {
                node.receiveFromInternet("dave@sender.example", "gina@" + DOMAIN, messageId, "Load " + messageId);
                acknowledged.add(messageId);
            } catch (RuntimeException | AssertionError e) {
                // Killed mid-dialogue: this mail was not acknowledged, and later ones cannot be sent to this node.
                return;
            }
        }
    }
}
