/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CassandraClassPathTest {
    private final List<String> jarNames = CassandraClassPath.cassandraJars().stream()
        .map(Path::getFileName)
        .map(Path::toString)
        .toList();

    @Test
    void listsExistingJarsStartingWithCassandra() {
        assertThat(CassandraClassPath.cassandraJars()).allMatch(Files::isRegularFile);
        assertThat(jarNames.get(0)).isEqualTo("cassandra-all-5.0.5.jar");
    }

    /** The root pom imports James's dependency management; Cassandra must not get James's versions. */
    @Test
    void keepsTheVersionsCassandraIsReleasedWith() {
        assertThat(jarNames).contains(
            "netty-common-4.1.119.Final.jar",
            "netty-handler-4.1.119.Final.jar",
            "guava-32.0.1-jre.jar",
            "logback-classic-1.2.12.jar",
            "slf4j-api-1.7.36.jar");
    }

    @Test
    void putsTheRunnerClassesFirst() {
        String classPath = CassandraClassPath.build();

        assertThat(classPath).doesNotStartWith(CassandraClassPath.cassandraJars().get(0).toString());
        assertThat(classPath).contains("cassandra-all-5.0.5.jar");
    }
}
