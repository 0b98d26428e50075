/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalCassandraMainTest {
    @Test
    void directoryAloneMeansDefaultPorts() {
        LocalCassandraSettings settings = LocalCassandraMain.parse(new String[] {"node"});

        assertThat(settings.directory()).isEqualTo(Path.of("node").toAbsolutePath());
        assertThat(settings.nativePort()).isEqualTo(9042);
        assertThat(settings.storagePort()).isEqualTo(7000);
        assertThat(settings.jmxPort()).isEqualTo(7199);
    }

    @Test
    void portsAndOptionsAreRead() {
        LocalCassandraSettings settings = LocalCassandraMain.parse(
            new String[] {"--heap=2g", "node", "29042", "27000", "27199", "--disposable"});

        assertThat(settings.nativePort()).isEqualTo(29042);
        assertThat(settings.storagePort()).isEqualTo(27000);
        assertThat(settings.jmxPort()).isEqualTo(27199);
        assertThat(settings.heap()).isEqualTo("2g");
        assertThat(settings.disposable()).isTrue();
    }

    @Test
    void addressDefaultsToLoopbackAndCanBeChosen() {
        assertThat(LocalCassandraMain.parse(new String[] {"node"}).address()).isEqualTo("127.0.0.1");
        assertThat(LocalCassandraMain.parse(new String[] {"--address=127.0.0.2", "node"}).address())
            .isEqualTo("127.0.0.2");
    }

    @Test
    void portZeroPicksAFreePort() {
        LocalCassandraSettings settings = LocalCassandraMain.parse(new String[] {"node", "0"});

        assertThat(settings.nativePort()).isNotIn(0, 9042);
    }

    @Test
    void aNodeIsItsOwnSeedUnlessSeedsAreGiven() {
        assertThat(LocalCassandraMain.parse(new String[] {"node", "29042", "27000", "27199"}).seeds())
            .containsExactly("127.0.0.1:27000");
        assertThat(LocalCassandraMain.parse(new String[] {"--address=127.0.0.2", "--seeds=127.0.0.1:7000", "node"})
            .seeds()).containsExactly("127.0.0.1:7000");
    }

    @Test
    void nodesAsksForAClusterOnConsecutiveLoopbackAddressesAndJmxPorts() {
        LocalCassandraArguments arguments = LocalCassandraArguments.read(
            new String[] {"--nodes=3", "--heap=512m", "cluster", "29042", "27000", "27199"});

        LocalCassandraClusterSettings settings = arguments.clusterSettings();

        assertThat(arguments.cluster()).isTrue();
        assertThat(settings.contactPoints()).isEqualTo("127.0.0.1:29042,127.0.0.2:29042,127.0.0.3:29042");
        assertThat(settings.jmxPorts()).containsExactly(27199, 27200, 27201);
        assertThat(settings.nodeDirectory(2)).isEqualTo(Path.of("cluster", "node2").toAbsolutePath());
    }

    @Test
    void settingsAreReadForOneNodeAndForEachNodeOfACluster() {
        LocalCassandraSettings node = LocalCassandraMain.parse(
            new String[] {"--setting=concurrent_reads=8", "--setting=concurrent_writes=4", "node"});
        LocalCassandraSettings clusterNode = LocalCassandraArguments.read(
            new String[] {"--nodes=2", "--setting=concurrent_reads=8", "cluster"}).clusterSettings().node(2, true);

        assertThat(node.cassandraSettings()).containsExactly(entry("concurrent_reads", "8"), entry("concurrent_writes", "4"));
        assertThat(clusterNode.cassandraSettings()).containsExactly(entry("concurrent_reads", "8"));
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--setting=concurrent_reads", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--setting==8", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--setting=Concurrent Reads=8", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--setting=concurrent_reads=", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        // A cluster refuses it with its arguments, before any node starts.
        assertThatThrownBy(() -> LocalCassandraArguments.read(
                new String[] {"--nodes=2", "--setting=Concurrent Reads=8", "cluster"}).clusterSettings())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneNodeIsNoCluster() {
        assertThat(LocalCassandraArguments.read(new String[] {"node"}).cluster()).isFalse();
        assertThat(LocalCassandraArguments.read(new String[] {"--nodes=1", "node"}).cluster()).isFalse();
    }

    @Test
    void addressAndSeedsAreForOneNodeOnly() {
        assertThatThrownBy(() -> LocalCassandraArguments.read(new String[] {"--nodes=3", "--address=127.0.0.2", "c"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraArguments.read(
                new String[] {"--nodes=3", "--seeds=127.0.0.1:7000", "c"}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"node", "cql"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--verbose", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--address=", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--seeds=127.0.0.1", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraMain.parse(new String[] {"--nodes=0", "node"}))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
