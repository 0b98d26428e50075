/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mailfort.cassandra.runner.LocalCassandra;

/**
 * The one Cassandra of this JVM, found or started on first use and shared by all test classes (each has its own
 * keyspace). In order of preference:
 * <ol>
 *   <li>the node named by {@code CASSANDRA_CONTACT_POINT} (see {@link ExternalCassandra});</li>
 *   <li>a {@code cassandra:5.0} container, if a Docker engine answers;</li>
 *   <li>a {@link LocalCassandra} child process on free ports.</li>
 * </ol>
 * {@code MAILFORT_TEST_CASSANDRA=local} or {@code =docker} skips the choice between the last two.
 */
public final class SharedCassandra {
    public static final String MODE_VARIABLE = "MAILFORT_TEST_CASSANDRA";
    private static final System.Logger LOGGER = System.getLogger(SharedCassandra.class.getName());

    private static CassandraEndpoint endpoint;
    private static String description;
    private static RuntimeException failure;

    private SharedCassandra() {
    }

    public static synchronized CassandraEndpoint endpoint() {
        // A failed start is not retried by every following test class: each attempt can take minutes.
        if (failure != null) {
            throw new IllegalStateException("Cassandra for tests could not be started earlier in this JVM", failure);
        }
        if (endpoint == null) {
            try {
                endpoint = find(System.getenv());
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            LOGGER.log(Level.INFO, "Tests use " + description + " at " + endpoint);
        }
        return endpoint;
    }

    /** Where the endpoint comes from, for messages: external node, Docker container or child process. */
    public static synchronized String description() {
        endpoint();
        return description;
    }

    private static CassandraEndpoint find(Map<String, String> environment) {
        Optional<CassandraEndpoint> external = ExternalCassandra.fromEnvironment(environment);
        if (external.isPresent()) {
            description = "the Cassandra of " + ExternalCassandra.CONTACT_POINT_VARIABLE;
            return external.get();
        }
        String mode = Optional.ofNullable(environment.get(MODE_VARIABLE)).orElse("").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "docker":
                return docker();
            case "local":
                return childProcess();
            case "":
            case "auto":
                if (DockerCassandra.available()) {
                    try {
                        return docker();
                    } catch (RuntimeException e) {
                        LOGGER.log(Level.WARNING, "Cannot start a Cassandra container, using a local process", e);
                    }
                }
                return childProcess();
            default:
                throw new IllegalStateException(MODE_VARIABLE + " must be local, docker or auto, not '" + mode + "'");
        }
    }

    private static CassandraEndpoint docker() {
        CassandraEndpoint started = DockerCassandra.start();
        description = "a " + DockerCassandra.IMAGE + " container";
        return started;
    }

    private static CassandraEndpoint childProcess() {
        LocalCassandra cassandra = ChildProcessCassandra.start();
        description = "a local Cassandra process (pid " + cassandra.pid() + ", started in "
            + cassandra.startupTime().toMillis() + " ms, log " + cassandra.logFile() + ")";
        return new CassandraEndpoint(cassandra.host(), cassandra.nativePort(), cassandra.localDatacenter());
    }
}
