/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mailfort.local.rabbitmq.LocalRabbitMQ;
import dev.mailfort.testing.TemporaryDirectories;

/**
 * The one RabbitMQ broker of this JVM: started on first use on free loopback ports, stopped and its directory
 * deleted when the JVM exits. Test classes share it, so each should use queue and exchange names of its own.
 * <p>
 * A class that stops, kills or restarts its broker must not do that to this one, which other classes are using:
 * it runs a private {@link LocalRabbitMQ} instead, e.g. {@code LocalRabbitMQ.in(tempDir)} started in
 * {@code @BeforeAll} and closed in {@code @AfterAll} (about 12 s to start with the management plugin, 5 s to restart).
 */
public final class SharedRabbitMQ {
    private static final System.Logger LOGGER = System.getLogger(SharedRabbitMQ.class.getName());

    private static LocalRabbitMQ rabbitMQ;
    private static RuntimeException failure;

    private SharedRabbitMQ() {
    }

    /** The shared broker, running (started again if a test stopped it after all). */
    public static synchronized LocalRabbitMQ get() {
        // A missing package fails every class the same way: no need to try again each time.
        if (failure != null) {
            throw new IllegalStateException("RabbitMQ for tests could not be started earlier in this JVM", failure);
        }
        if (rabbitMQ == null) {
            try {
                rabbitMQ = startNew();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            LOGGER.log(Level.INFO, "Tests use " + rabbitMQ + ", management API " + rabbitMQ.managementUri());
        }
        rabbitMQ.start();
        return rabbitMQ;
    }

    private static LocalRabbitMQ startNew() {
        Path directory = createDirectory();
        try {
            LocalRabbitMQ candidate = LocalRabbitMQ.in(directory);
            // Registered before the start: a test JVM interrupted mid-start must not leave a broker behind.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                candidate.close();
                TemporaryDirectories.deleteQuietly(directory);
            }, "mailfort-rabbitmq-cleanup"));
            candidate.start();
            return candidate;
        } catch (RuntimeException e) {
            TemporaryDirectories.deleteQuietly(directory);
            throw e;
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("mailfort-rabbitmq-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for RabbitMQ", e);
        }
    }
}
