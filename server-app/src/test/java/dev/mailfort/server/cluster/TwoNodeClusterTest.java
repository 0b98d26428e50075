/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * Two server nodes on one Cassandra keyspace and one RabbitMQ vhost, as behind a load balancer: whatever node a user
 * reaches sees the same mailboxes, and learns at once of what happened through the other.
 */
class TwoNodeClusterTest {
    private static final String DOMAIN = "example.com";
    private static final String PASSWORD = "Secret-42-cluster";
    private static final Duration SOON = Duration.ofSeconds(30);

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    static Path roots;

    private static ClusterNode nodeA;
    private static ClusterNode nodeB;

    @BeforeAll
    static void startCluster() {
        RabbitMQVhost vhost = RabbitMQVhost.create(SharedRabbitMQ.get(), "two-nodes");
        nodeA = withEagerFlowControl(ClusterNode.prepare("A", roots.resolve("a"), cassandra, vhost)).start();
        nodeB = withEagerFlowControl(ClusterNode.prepare("B", roots.resolve("b"), cassandra, vhost)).start();
        nodeA.webAdmin().addDomain(DOMAIN);
        for (String user : List.of("carol", "dave", "erin", "frank", "grace")) {
            nodeA.webAdmin().addUser(user + "@" + DOMAIN, PASSWORD);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void mailReceivedByNodeAIsReadOverImapAndPop3OnNodeB() {
        String subject = "Through A " + UUID.randomUUID();
        nodeA.receiveFromInternet("dave@sender.example", "carol@" + DOMAIN, "<a-to-b-1@sender.example>", subject);

        try (LineDialogue imap = nodeB.imap("carol@" + DOMAIN, PASSWORD)) {
            await().atMost(SOON).pollInterval(Duration.ofMillis(500)).until(() -> ClusterNode.inboxHolds(imap, 1));
        }
        try (LineDialogue imap = nodeB.imap("carol@" + DOMAIN, PASSWORD)) {
            assertThat(imap.send("f1 SELECT INBOX").readUntil("f1 ")).last().asString().startsWith("f1 OK");
            List<String> fetched = imap.send("f2 FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])").readUntil("f2 ");
            assertThat(String.join("\n", fetched)).contains(subject);
        }
        try (LineDialogue pop3 = LineDialogue.connectTls(nodeB.port(995))) {
            assertThat(pop3.readLine()).startsWith("+OK");
            assertThat(pop3.send("USER carol@" + DOMAIN).readLine()).startsWith("+OK");
            assertThat(pop3.send("PASS " + PASSWORD).readLine()).startsWith("+OK");
            assertThat(pop3.send("STAT").readLine()).startsWith("+OK 1 ");
            List<String> message = pop3.send("RETR 1").readUntil(".");
            assertThat(String.join("\n", message)).contains(subject).contains("Sent through node A.");
        }
    }

    @Test
    void idleOnNodeBIsToldOfAMessageDeliveredThroughNodeA() {
        try (LineDialogue idle = nodeB.imap("dave@" + DOMAIN, PASSWORD)) {
            List<String> selected = idle.send("i1 SELECT INBOX").readUntil("i1 ");
            assertThat(selected).contains("* 0 EXISTS");
            idle.send("i2 IDLE");
            assertThat(idle.readLine()).startsWith("+ ");

            nodeA.receiveFromInternet("dave@sender.example", "dave@" + DOMAIN, "<idle-1@sender.example>", "Wake up");

            // The read times out (30 s) if node B never hears of the delivery.
            assertThat(idle.readLine()).isEqualTo("* 1 EXISTS");
            idle.send("DONE");
            assertThat(idle.readUntil("i2 ")).last().asString().startsWith("i2 OK");
        }
    }

    @Test
    void flagsSetOnOneNodeAreSeenOnTheOtherAndPushedToItsSelectedSession() {
        nodeA.receiveFromInternet("dave@sender.example", "erin@" + DOMAIN, "<flags-1@sender.example>", "Flag me");
        try (LineDialogue onB = nodeB.imap("erin@" + DOMAIN, PASSWORD); LineDialogue onA = nodeA.imap("erin@" + DOMAIN, PASSWORD)) {
            await().atMost(SOON).pollInterval(Duration.ofMillis(500)).until(() -> ClusterNode.inboxHolds(onB, 1));
            assertThat(onB.send("b1 SELECT INBOX").readUntil("b1 ")).contains("* 1 EXISTS");
            assertThat(onA.send("a1 SELECT INBOX").readUntil("a1 ")).contains("* 1 EXISTS");

            assertThat(onA.send("a2 STORE 1 +FLAGS (\\Flagged)").readUntil("a2 ")).last().asString().startsWith("a2 OK");

            // Node B's selected session learns of the change from the bus: NOOP returns the untagged FETCH.
            await().atMost(SOON).pollInterval(Duration.ofMillis(300))
                .until(() -> String.join("\n", onB.send("b2 NOOP").readUntil("b2 ")), noop -> noop.contains("\\Flagged"));
            assertThat(String.join("\n", onB.send("b3 FETCH 1 (FLAGS)").readUntil("b3 "))).contains("\\Flagged");
        }
    }

    @Test
    void quotaUsageIsTheSameOnBothNodes() {
        assertThat(nodeA.webAdmin().put("/quota/users/frank@" + DOMAIN + "/size", "1000000").status()).isEqualTo(204);
        nodeB.receiveFromInternet("dave@sender.example", "frank@" + DOMAIN, "<quota-1@sender.example>", "Counted");

        try (LineDialogue onA = nodeA.imap("frank@" + DOMAIN, PASSWORD); LineDialogue onB = nodeB.imap("frank@" + DOMAIN, PASSWORD)) {
            await().atMost(SOON).pollInterval(Duration.ofMillis(500))
                .until(() -> storageUsage(onA, "qa"), usage -> !usage.contains("(STORAGE 0 "));
            String seenOnA = storageUsage(onA, "qa");
            assertThat(seenOnA).contains("STORAGE").contains(" 976)");
            assertThat(storageUsage(onB, "qb")).isEqualTo(seenOnA);
        }
    }

    /**
     * SMTP flow control in a cluster: the backlog is the shared RabbitMQ spool's waiting mails plus those each node is
     * processing. A burst on node A waits for the pipeline (the nodes run with a backlog threshold of 1), every
     * message arrives, and both nodes count the spool back down to 0: mail taken by either node is counted out.
     */
    @Test
    void aBurstOnOneNodeWaitsForTheSharedSpoolAndBothNodesCountItBackToZero() throws Exception {
        double delayedBefore = metric(nodeA, "mailfort_smtp_inflow_delayed_transactions");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                int sender = client;
                sent.add(clients.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        nodeA.receiveFromInternet("dave@sender.example", "grace@" + DOMAIN,
                            "<burst-" + sender + "-" + i + "@sender.example>", "Burst " + sender + "-" + i);
                    }
                }));
            }
            for (Future<?> result : sent) {
                result.get(3, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }

        try (LineDialogue imap = nodeB.imap("grace@" + DOMAIN, PASSWORD)) {
            await().atMost(SOON).pollInterval(Duration.ofMillis(500)).until(() -> ClusterNode.inboxHolds(imap, 12));
        }
        assertThat(metric(nodeA, "mailfort_smtp_inflow_delayed_transactions")).isGreaterThan(delayedBefore);
        for (ClusterNode node : List.of(nodeA, nodeB)) {
            await().atMost(SOON).pollInterval(Duration.ofMillis(300))
                .until(() -> metric(node, "mailfort_spool_backlog") == 0.0);
        }
    }

    private static ClusterNode withEagerFlowControl(ClusterNode node) {
        node.directory().setInFlowBacklog(1);
        return node;
    }

    private static double metric(ClusterNode node, String name) {
        Map<String, Double> values = node.webAdmin().metrics();
        assertThat(values).as("metrics of node " + node).containsKey(name);
        return values.get(name);
    }

    private static String storageUsage(LineDialogue imap, String tag) {
        return imap.send(tag + " GETQUOTAROOT INBOX").readUntil(tag + " ").stream()
            .filter(line -> line.startsWith("* QUOTA "))
            .findFirst().orElse("(no QUOTA line)");
    }
}
