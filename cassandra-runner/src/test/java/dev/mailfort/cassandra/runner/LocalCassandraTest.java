/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real nodes: about half a minute. */
class LocalCassandraTest {
    @TempDir
    Path directory;

    private LocalCassandraSettings.Builder settings() {
        int[] ports = LocalPorts.pickFree(3);
        return LocalCassandraSettings.builder(directory)
            .nativePort(ports[0])
            .storagePort(ports[1])
            .jmxPort(ports[2])
            .heap("512m")
            .stopTimeout(Duration.ofSeconds(30));
    }

    @Test
    void restartsOnTheDataOfThePreviousRunButNeverRunsTwiceOnIt() throws IOException {
        LocalCassandraSettings settings = settings().build();
        try (LocalCassandra first = LocalCassandra.start(settings)) {
            assertThat(LocalPorts.accepts(first.host(), first.nativePort())).isTrue();
            assertThat(Files.readString(directory.resolve("cassandra.pid")).trim()).isEqualTo(String.valueOf(first.pid()));

            assertThatThrownBy(() -> LocalCassandra.start(settings))
                .isInstanceOf(CassandraStartException.class)
                .hasMessageContaining("Another Cassandra (pid " + first.pid());
        }
        assertThat(directory.resolve("cassandra.pid")).doesNotExist();

        try (LocalCassandra second = LocalCassandra.start(settings)) {
            assertThat(second.isRunning()).isTrue();
        }

        // A node on empty data creates a host ID; one that finds its data does not.
        assertThat(Files.readString(directory.resolve("logs/cassandra.log.1"))).contains("No host ID found");
        assertThat(Files.readString(directory.resolve("logs/cassandra.log"))).doesNotContain("No host ID found")
            .contains(StartupLog.CQL_READY);
    }

    @Test
    void cassandraSettingsReachTheNodesConfiguration() throws IOException {
        // 7 is no default of any thread pool, so the logged configuration can only have it from the setting.
        try (LocalCassandra node = LocalCassandra.start(settings().cassandraSetting("concurrent_reads", "7").build())) {
            assertThat(node.isRunning()).isTrue();
        }
        assertThat(Files.readString(directory.resolve("logs/cassandra.log"))).containsPattern("Node configuration:.*concurrent_reads=7;");
    }

    @Test
    void aTakenPortIsReportedBeforeStarting() throws IOException {
        LocalCassandraSettings settings = settings().build();
        try (ServerSocket taken = new ServerSocket(settings.nativePort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalCassandra.start(settings))
                .isInstanceOf(CassandraStartException.class)
                .hasMessageContaining("Port " + settings.nativePort())
                .hasMessageContaining("already in use");
        }
    }

    @Test
    void theJmxPortIsCheckedOnLoopbackWhateverTheNodesAddress() throws IOException {
        // Cassandra binds its local JMX port on 127.0.0.1 even for a node listening on 127.0.0.2.
        LocalCassandraSettings settings = settings().address("127.0.0.2").build();
        try (ServerSocket taken = new ServerSocket(settings.jmxPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalCassandra.start(settings))
                .isInstanceOf(CassandraStartException.class)
                .hasMessageContaining("Port " + settings.jmxPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void aNodeThatDiesWhileStartingIsReportedWithItsLog() {
        // Too small for the JVM to even start: the child exits at once with an error on its console.
        LocalCassandraSettings settings = settings().heap("1k").build();

        assertThatThrownBy(() -> LocalCassandra.start(settings))
            .isInstanceOf(CassandraStartException.class)
            .hasMessageContaining("exited with code")
            .hasMessageContaining("heap");
    }
}
