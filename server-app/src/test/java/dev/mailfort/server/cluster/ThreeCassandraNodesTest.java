/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.cassandra.runner.LocalCassandraCluster;
import dev.mailfort.cassandra.runner.LocalCassandraClusterSettings;
import dev.mailfort.cassandra.runner.LocalPorts;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.testing.cassandra.CassandraEndpoint;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;
import dev.mailfort.testing.rabbitmq.SharedRabbitMQ;

/**
 * A server node on a three-node Cassandra cluster with replication factor 3 keeps receiving, storing and serving
 * mail while one Cassandra node is down: every read and write needs two replicas of three (QUORUM), UID and MODSEQ
 * allocation two of three too (SERIAL).
 */
class ThreeCassandraNodesTest {
    private static final int CASSANDRA_NODES = 3;
    private static final String DOMAIN = "example.com";
    private static final String USER = "hana@" + DOMAIN;
    private static final String PASSWORD = "Secret-42-rf3";

    @TempDir
    static Path roots;

    private static LocalCassandraCluster cassandra;
    private static ClusterNode server;

    @BeforeAll
    static void startCassandraThenServer() {
        int[] ports = LocalPorts.pickFreeOnAll(LocalCassandraClusterSettings.addresses(CASSANDRA_NODES), 2 + CASSANDRA_NODES);
        cassandra = LocalCassandraCluster.start(LocalCassandraClusterSettings.builder(roots.resolve("cassandra"))
            .nodes(CASSANDRA_NODES)
            .nativePort(ports[0])
            .storagePort(ports[1])
            .jmxPorts(IntStream.range(2, 2 + CASSANDRA_NODES).mapToObj(i -> ports[i]).collect(Collectors.toList()))
            .heap("512m")
            .disposable(true)
            .startTimeout(Duration.ofMinutes(4))
            .build());

        TestWorkingDirectory directory = TestWorkingDirectory.create(roots.resolve("server"),
            new CassandraEndpoint("127.0.0.1", cassandra.nativePort(), cassandra.localDatacenter()), "rf_three",
            MailfortServerExtension.runningScanners());
        directory.replaceConf("cassandra.properties", directory.readConf("cassandra.properties")
            .replaceAll("(?m)^cassandra\\.nodes=.*$", "cassandra.nodes=" + cassandra.contactPoints())
            .replaceAll("(?m)^cassandra\\.replication\\.factor=.*$", "cassandra.replication.factor=" + CASSANDRA_NODES));
        server = ClusterNode.on("A", directory, RabbitMQVhost.create(SharedRabbitMQ.get(), "rf-three")).start();
        server.webAdmin().addDomain(DOMAIN);
        server.webAdmin().addUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopAll() {
        if (server != null) {
            server.close();
        }
        if (cassandra != null) {
            cassandra.close();
        }
    }

    @Test
    void mailIsReceivedStoredAndServedWhileOneCassandraNodeIsDown() {
        server.receiveFromInternet("dave@sender.example", USER, "<before@sender.example>", "Before the outage");
        awaitInboxCount(1);

        cassandra.stopNode(3);

        server.receiveFromInternet("dave@sender.example", USER, "<during@sender.example>", "During the outage");
        awaitInboxCount(2);
        try (LineDialogue imap = server.imap(USER, PASSWORD)) {
            assertThat(imap.imap("c1", "CREATE Projects")).startsWith("c1 OK");
            assertThat(imap.send("s1 SELECT INBOX").readUntil("s1 ")).contains("* 2 EXISTS");
            assertThat(String.join("\n", imap.send("f1 STORE 1:2 +FLAGS (\\Seen \\Flagged)").readUntil("f1 ")))
                .contains("f1 OK");
            assertThat(imap.imap("m1", "MOVE 1 Projects")).startsWith("m1 OK");
            assertThat(imap.send("s2 STATUS Projects (MESSAGES)").readUntil("s2 ")).anyMatch(line -> line.contains("(MESSAGES 1)"));
        }
        try (LineDialogue pop3 = LineDialogue.connectTls(server.port(995))) {
            assertThat(pop3.readLine()).startsWith("+OK");
            assertThat(pop3.send("USER " + USER).readLine()).startsWith("+OK");
            assertThat(pop3.send("PASS " + PASSWORD).readLine()).startsWith("+OK");
            assertThat(pop3.send("STAT").readLine()).startsWith("+OK 1 ");
            assertThat(pop3.send("QUIT").readLine()).startsWith("+OK");
        }

        cassandra.startNode(3);
        server.receiveFromInternet("dave@sender.example", USER, "<after@sender.example>", "After the outage");
        awaitInboxCount(2);
    }

    private static void awaitInboxCount(int count) {
        try (LineDialogue imap = server.imap(USER, PASSWORD)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ClusterNode.inboxHolds(imap, count));
        }
    }
}
