/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLayoutTest {
    @TempDir
    Path root;
    private ContainerLayout layout;

    @BeforeEach
    void writeConfiguration() throws IOException {
        layout = new ContainerLayout(root.resolve("conf"), root.resolve("run"), root.resolve("var"));
        Files.createDirectories(layout.confSource().resolve("keys"));
        Files.writeString(layout.confSource().resolve("cassandra.properties"), "cassandra.nodes=127.0.0.1\n");
        Files.writeString(layout.confSource().resolve("logback.xml"), "<configuration/>\n");
        Files.writeString(layout.confSource().resolve("keys/jwt_publickey"), "KEY\n");
    }

    @Test
    void copiesTheConfigurationWithTheEnvironmentApplied() throws IOException {
        layout.prepare(EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_NODES", "cassandra:9042")));

        assertThat(layout.conf().resolve("cassandra.properties")).hasContent("cassandra.nodes=cassandra:9042");
        assertThat(layout.conf().resolve("logback.xml")).hasContent("<configuration/>");
        assertThat(layout.conf().resolve("keys/jwt_publickey")).hasContent("KEY");
        assertThat(layout.confSource().resolve("cassandra.properties")).hasContent("cassandra.nodes=127.0.0.1");
    }

    @Test
    void worksFromAReadOnlyConfiguration() throws IOException {
        try (Stream<Path> files = Files.walk(layout.confSource())) {
            files.forEach(file -> file.toFile().setReadOnly());
        }

        layout.prepare(EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_KEYSPACE", "other")));

        assertThat(layout.conf().resolve("cassandra.properties")).content()
            .contains("cassandra.keyspace=other");
    }

    @Test
    void eachStartBeginsAfreshSoAFileRemovedFromTheConfigurationIsGone() throws IOException {
        layout.prepare(EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_NODES", "first")));
        Files.delete(layout.confSource().resolve("logback.xml"));

        layout.prepare(EnvironmentConf.from(Map.of()));

        assertThat(layout.conf().resolve("logback.xml")).doesNotExist();
        assertThat(layout.conf().resolve("cassandra.properties")).hasContent("cassandra.nodes=127.0.0.1");
    }

    @Test
    void theWorkingDirectorysVarIsTheStateVolumeAcrossStarts() throws IOException {
        layout.prepare(EnvironmentConf.from(Map.of()));
        Files.writeString(root.resolve("run/var/queue-journal"), "acknowledged mail");

        layout.prepare(EnvironmentConf.from(Map.of()));

        assertThat(Files.isSymbolicLink(root.resolve("run/var"))).isTrue();
        assertThat(root.resolve("var/queue-journal")).hasContent("acknowledged mail");
    }

    @Test
    void aRealVarDirectoryIsNeverReplacedByTheLink() throws IOException {
        Files.createDirectories(root.resolve("run/var"));

        assertThatThrownBy(() -> layout.prepare(EnvironmentConf.from(Map.of())))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("is not a link to");
    }

    @Test
    void kubernetesConfigMapInternalsAreNotCopied() throws IOException {
        Path timestamped = Files.createDirectories(layout.confSource().resolve("..2026_01_01"));
        Files.writeString(timestamped.resolve("imapserver.xml"), "<imapservers/>");
        Files.createSymbolicLink(layout.confSource().resolve("..data"), timestamped.getFileName());
        Files.createSymbolicLink(layout.confSource().resolve("imapserver.xml"), Path.of("..data/imapserver.xml"));

        layout.prepare(EnvironmentConf.from(Map.of()));

        assertThat(layout.conf().resolve("imapserver.xml")).hasContent("<imapservers/>");
        assertThat(layout.conf().resolve("..2026_01_01")).doesNotExist();
        assertThat(layout.conf().resolve("..data")).doesNotExist();
    }

    @Test
    void aMissingConfigurationDirectoryIsReported() {
        ContainerLayout nowhere = new ContainerLayout(root.resolve("missing"), root.resolve("run"), root.resolve("var"));

        assertThatThrownBy(() -> nowhere.prepare(EnvironmentConf.from(Map.of())))
            .hasMessageContaining("No configuration directory at");
    }
}
