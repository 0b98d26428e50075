/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalCassandraSettingsTest {
    @Test
    void defaultsSuitOneNodeOnADeveloperMachine() {
        LocalCassandraSettings settings = LocalCassandraSettings.builder(Path.of("node")).build();

        assertThat(settings.address()).isEqualTo("127.0.0.1");
        assertThat(settings.nativePort()).isEqualTo(9042);
        assertThat(settings.storagePort()).isEqualTo(7000);
        assertThat(settings.jmxPort()).isEqualTo(7199);
        assertThat(settings.heap()).isEqualTo("1g");
        assertThat(settings.disposable()).isFalse();
        assertThat(settings.directory()).isAbsolute();
        assertThat(settings.seeds()).containsExactly("127.0.0.1:7000");
        assertThat(settings.autoBootstrap()).isTrue();
        assertThat(settings.ringDelay()).isEmpty();
        assertThat(settings.waitForPeers()).isTrue();
    }

    @Test
    void seedsNeedTheirStoragePort() {
        assertThatThrownBy(() -> LocalCassandraSettings.builder(Path.of("node")).seeds(List.of("127.0.0.1")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCassandraSettings.builder(Path.of("node")).seeds(List.of("127.0.0.1:x")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsMustDiffer() {
        assertThatThrownBy(() -> LocalCassandraSettings.builder(Path.of("node")).nativePort(7000).build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heapMustBeAJvmSize() {
        assertThatThrownBy(() -> LocalCassandraSettings.builder(Path.of("node")).heap("1 GB"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portMustBeATcpPort() {
        assertThatThrownBy(() -> LocalCassandraSettings.builder(Path.of("node")).jmxPort(70000))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
