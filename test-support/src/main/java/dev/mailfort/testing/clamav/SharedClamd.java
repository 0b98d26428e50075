/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mailfort.testing.TemporaryDirectories;

/**
 * The one clamd of this JVM: started on first use on a free loopback port, stopped and its directory deleted when
 * the JVM exits. Test JVMs running side by side each get their own.
 */
public final class SharedClamd {
    /** clamd's StreamMaxLength, small so that a test can go over it quickly. */
    public static final long STREAM_MAX_LENGTH = 4L * 1024 * 1024;
    private static final System.Logger LOGGER = System.getLogger(SharedClamd.class.getName());
    private static final int ATTEMPTS = 3;

    private static LocalClamd clamd;
    private static RuntimeException failure;

    private SharedClamd() {
    }

    public static synchronized LocalClamd get() {
        if (failure != null) {
            throw new IllegalStateException("clamd for tests could not be started earlier in this JVM", failure);
        }
        if (clamd == null) {
            try {
                clamd = startNew();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            LOGGER.log(Level.INFO, "Tests use clamd on " + clamd.host() + ":" + clamd.port() + ", log "
                + clamd.logFile());
        }
        return clamd;
    }

    private static LocalClamd startNew() {
        Path binary = ClamdBinary.find();
        LocalClamd.ClamdStartException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path directory = createDirectory();
            LocalClamd candidate = LocalClamd.prepare(binary, directory, pickFreePort(), STREAM_MAX_LENGTH);
            try {
                candidate.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    candidate.stop();
                    TemporaryDirectories.deleteQuietly(directory);
                }, "mailfort-clamd-cleanup"));
                return candidate;
            } catch (LocalClamd.ClamdStartException e) {
                TemporaryDirectories.deleteQuietly(directory);
                // The port was only free when picked: another process may have taken it since.
                if (!e.portTaken()) {
                    throw e;
                }
                LOGGER.log(Level.WARNING, "The port picked for clamd was taken, trying another");
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static int pickFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port for clamd", e);
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("mailfort-clamd-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for clamd", e);
        }
    }
}
