/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalCassandraClusterSettingsTest {
    private final LocalCassandraClusterSettings.Builder builder = LocalCassandraClusterSettings
        .builder(Path.of("/tmp/c"))
        .nativePort(29042)
        .storagePort(27000)
        .jmxPorts(List.of(31001, 31002, 31003))
        .heap("512m");

    @Test
    void eachNodeHasItsLoopbackAddressDirectoryAndJmxPortAndSharesTheOtherPorts() {
        LocalCassandraSettings node = builder.build().node(2, false);

        assertThat(node.address()).isEqualTo("127.0.0.2");
        assertThat(node.directory()).isEqualTo(Path.of("/tmp/c/node2"));
        assertThat(node.nativePort()).isEqualTo(29042);
        assertThat(node.storagePort()).isEqualTo(27000);
        assertThat(node.jmxPort()).isEqualTo(31002);
        assertThat(node.heap()).isEqualTo("512m");
    }

    @Test
    void everyNodeHasTheFirstAsSeed() {
        LocalCassandraClusterSettings settings = builder.build();

        assertThat(settings.node(1, false).seeds()).containsExactly("127.0.0.1:27000");
        assertThat(settings.node(3, false).seeds()).containsExactly("127.0.0.1:27000");
    }

    @Test
    void onlyNodesOfANewClusterJoinWithoutStreaming() {
        LocalCassandraClusterSettings settings = builder.build();

        assertThat(settings.node(2, true).autoBootstrap()).isFalse();
        assertThat(settings.node(2, false).autoBootstrap()).isTrue();
    }

    @Test
    void nodesUseAShortRingDelayAndDoNotWaitForPeersThatStartAfterThem() {
        LocalCassandraSettings node = builder.build().node(1, false);

        assertThat(node.ringDelay()).contains(Duration.ofSeconds(5));
        assertThat(node.waitForPeers()).isFalse();
    }

    @Test
    void contactPointsNameEveryNode() {
        assertThat(builder.build().contactPoints()).isEqualTo("127.0.0.1:29042,127.0.0.2:29042,127.0.0.3:29042");
    }

    @Test
    void defaultJmxPortsFollow7199() {
        assertThat(LocalCassandraClusterSettings.builder(Path.of("c")).nodes(2).build().jmxPorts())
            .containsExactly(7199, 7200);
    }

    @Test
    void jmxPortsMustBeOnePerNodeAndDistinct() {
        assertThatThrownBy(() -> builder.jmxPorts(List.of(31001, 31002)).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.jmxPorts(List.of(31001, 31001, 31002)).build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thereIsNoNodeZero() {
        assertThatThrownBy(() -> builder.build().node(0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.build().address(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
