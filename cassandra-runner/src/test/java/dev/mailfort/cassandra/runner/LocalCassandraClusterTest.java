/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;

/**
 * Starts a real three-node cluster on 127.0.0.1 to 127.0.0.3 and stops and restarts one node: a few minutes, most
 * of them the three starts, one after the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCassandraClusterTest {
    private static final int NODES = 3;
    private static final Duration DRIVER_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path directory;
    private static LocalCassandraCluster cluster;
    private static CqlSession session;

    @BeforeAll
    static void startCluster() {
        int[] ports = LocalPorts.pickFreeOnAll(LocalCassandraClusterSettings.addresses(NODES), 2 + NODES);
        cluster = LocalCassandraCluster.start(LocalCassandraClusterSettings.builder(directory)
            .nodes(NODES)
            .nativePort(ports[0])
            .storagePort(ports[1])
            .jmxPorts(IntStream.range(2, 2 + NODES).mapToObj(i -> ports[i]).collect(Collectors.toList()))
            .heap("512m")
            .disposable(true)
            .startTimeout(Duration.ofMinutes(4))
            .stopTimeout(Duration.ofSeconds(60))
            .build());
        report("cluster ready after " + seconds(cluster.startupTime()) + "; per node: " + nodeStartupTimes()
            + "; RSS: " + residentSizes());
        session = CqlSession.builder()
            .addContactPoints(cluster.settings().addresses().stream()
                .map(address -> new InetSocketAddress(address, cluster.nativePort()))
                .collect(Collectors.toList()))
            .withLocalDatacenter(cluster.localDatacenter())
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build())
            .build();
        session.execute("CREATE KEYSPACE cluster_test WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': " + NODES + "}");
        session.execute("CREATE TABLE cluster_test.items (id text PRIMARY KEY, value text)");
    }

    @AfterAll
    static void stopCluster() {
        if (session != null) {
            session.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeSeesTheOthersAndQuorumWritesAreReadBack() {
        awaitDriver(() -> session.getMetadata().getNodes().values().stream()
            .filter(node -> node.getState() == NodeState.UP).count() == NODES);

        write("first", "one", DefaultConsistencyLevel.QUORUM);

        assertThat(read("first", DefaultConsistencyLevel.QUORUM)).isEqualTo("one");
        // Every node holds a replica, so even ALL answers.
        assertThat(read("first", DefaultConsistencyLevel.ALL)).isEqualTo("one");
    }

    @Test
    @Order(2)
    void everyNodeListsTheOthersAsPeersOfTheSameDatacenter() {
        for (Node node : session.getMetadata().getNodes().values()) {
            List<String> peers = session.execute(SimpleStatement.newInstance("SELECT data_center FROM system.peers_v2")
                    .setNode(node))
                .all().stream()
                .map(row -> row.getString("data_center"))
                .collect(Collectors.toList());

            assertThat(peers).as("peers of " + node.getEndPoint()).containsExactly("datacenter1", "datacenter1");
        }
    }

    @Test
    @Order(3)
    void withOneNodeStoppedQuorumWritesReadsAndLightweightTransactionsSucceed() {
        long started = System.nanoTime();
        cluster.stopNode(NODES);
        report("node " + NODES + " stopped and seen down after "
            + seconds(Duration.ofNanos(System.nanoTime() - started)));
        awaitDriver(() -> state(NODES) == NodeState.DOWN);

        write("second", "two", DefaultConsistencyLevel.QUORUM);
        assertThat(read("second", DefaultConsistencyLevel.QUORUM)).isEqualTo("two");

        ResultSet inserted = session.execute(insertIfNotExists("third", "three"));
        ResultSet again = session.execute(insertIfNotExists("third", "other"));

        assertThat(inserted.wasApplied()).isTrue();
        assertThat(again.wasApplied()).isFalse();
        assertThat(read("third", DefaultConsistencyLevel.SERIAL)).isEqualTo("three");
    }

    @Test
    @Order(4)
    void aStoppedNodeRejoinsAndAnswersAgain() {
        long started = System.nanoTime();
        cluster.startNode(NODES);
        report("node " + NODES + " restarted and seen alive after "
            + seconds(Duration.ofNanos(System.nanoTime() - started)) + " (CQL after "
            + seconds(cluster.node(NODES).startupTime()) + ")");
        awaitDriver(() -> state(NODES) == NodeState.UP);

        // ALL needs the restarted node's answer too; a read repair brings it the write it missed, if its hints did not.
        assertThat(read("second", DefaultConsistencyLevel.ALL)).isEqualTo("two");
        write("fourth", "four", DefaultConsistencyLevel.ALL);
        assertThat(read("fourth", DefaultConsistencyLevel.QUORUM)).isEqualTo("four");
        report("RSS at the end: " + residentSizes());
    }

    private static void write(String id, String value, ConsistencyLevel consistency) {
        session.execute(SimpleStatement
            .newInstance("INSERT INTO cluster_test.items (id, value) VALUES (?, ?)", id, value)
            .setConsistencyLevel(consistency));
    }

    private static String read(String id, ConsistencyLevel consistency) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT value FROM cluster_test.items WHERE id = ?", id)
            .setConsistencyLevel(consistency)).one();
        return row == null ? null : row.getString("value");
    }

    private static SimpleStatement insertIfNotExists(String id, String value) {
        return SimpleStatement.newInstance("INSERT INTO cluster_test.items (id, value) VALUES (?, ?) IF NOT EXISTS",
                id, value)
            .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL);
    }

    private static NodeState state(int node) {
        String address = cluster.settings().address(node);
        return session.getMetadata().getNodes().values().stream()
            .filter(candidate -> candidate.getEndPoint().resolve() instanceof InetSocketAddress socket
                && socket.getAddress().getHostAddress().equals(address))
            .map(Node::getState)
            .findFirst()
            .orElse(NodeState.UNKNOWN);
    }

    /** The driver learns of a node going or coming through events and reconnections, a little after gossip. */
    private static void awaitDriver(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DRIVER_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("driver's view of the nodes within " + DRIVER_WAIT + ": "
                + session.getMetadata().getNodes().values()).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String nodeStartupTimes() {
        return IntStream.rangeClosed(1, NODES)
            .mapToObj(node -> node + ": " + seconds(cluster.node(node).startupTime()))
            .collect(Collectors.joining(", "));
    }

    /** Linux only: what the timing report says about memory; not asserted. */
    private static String residentSizes() {
        return IntStream.rangeClosed(1, NODES)
            .filter(cluster::isRunning)
            .mapToObj(node -> node + ": " + residentSize(cluster.node(node).pid()))
            .collect(Collectors.joining(", "));
    }

    private static String residentSize(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim())
                .findFirst()
                .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static void report(String line) {
        System.out.println("[cluster timing] " + line);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
