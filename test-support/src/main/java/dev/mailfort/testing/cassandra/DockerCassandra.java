/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.time.Duration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.CassandraContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** A Cassandra 5.0 container, when a Docker engine is at hand. */
final class DockerCassandra {
    static final String IMAGE = "cassandra:5.0";
    private static final int NATIVE_PORT = 9042;

    private DockerCassandra() {
    }

    /**
     * Never throws: a machine without Docker, or without Testcontainers on the class path, just has no Docker
     * for the tests.
     */
    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** Starts a container that lives until the JVM exits; Testcontainers' reaper removes it if the JVM dies. */
    static CassandraEndpoint start() {
        CassandraContainer<?> container = new CassandraContainer<>(DockerImageName.parse(IMAGE))
            // The default wait only checks that the port is mapped, which happens long before CQL is served.
            .waitingFor(Wait.forLogMessage(".*Starting listening for CQL clients.*\\n", 1)
                .withStartupTimeout(Duration.ofMinutes(4)));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "mailfort-cassandra-container-stop"));
        return new CassandraEndpoint(container.getHost(), container.getMappedPort(NATIVE_PORT),
            container.getLocalDatacenter());
    }
}
