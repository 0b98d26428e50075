/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.mailfort.cassandra.runner.CassandraStartException;
import dev.mailfort.cassandra.runner.LocalCassandra;
import dev.mailfort.cassandra.runner.LocalCassandraSettings;
import dev.mailfort.cassandra.runner.LocalPorts;
import dev.mailfort.testing.TemporaryDirectories;

/**
 * A throwaway {@link LocalCassandra} for one test JVM: free ports, a fresh temporary directory, deleted again
 * when the JVM exits. Test JVMs running side by side each get their own.
 */
final class ChildProcessCassandra {
    private static final System.Logger LOGGER = System.getLogger(ChildProcessCassandra.class.getName());
    private static final int ATTEMPTS = 2;

    private ChildProcessCassandra() {
    }

    static LocalCassandra start() {
        CassandraStartException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path directory = createDirectory();
            int[] ports = LocalPorts.pickFree(3);
            LocalCassandraSettings settings = LocalCassandraSettings.builder(directory)
                .nativePort(ports[0])
                .storagePort(ports[1])
                .jmxPort(ports[2])
                .disposable(true)
                // Nobody waits on this data: there is nothing to drain it for.
                .stopTimeout(Duration.ofSeconds(20))
                .build();
            try {
                LocalCassandra cassandra = LocalCassandra.start(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    cassandra.stop();
                    TemporaryDirectories.deleteQuietly(directory);
                }, "mailfort-cassandra-cleanup"));
                return cassandra;
            } catch (CassandraStartException e) {
                TemporaryDirectories.deleteQuietly(directory);
                // Free ports were only free when picked: another process may have taken one since.
                if (!String.valueOf(e.getMessage()).contains("already in use")) {
                    throw e;
                }
                LOGGER.log(Level.WARNING, "A port was taken while Cassandra started, trying other ports");
                failure = e;
            }
        }
        throw failure;
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("mailfort-cassandra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for Cassandra", e);
        }
    }
}
