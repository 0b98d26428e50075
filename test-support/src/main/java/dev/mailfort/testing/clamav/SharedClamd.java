/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mailfort.local.clamav.ClamdBinary;
import dev.mailfort.local.clamav.ClamdOptions;
import dev.mailfort.local.clamav.ClamdSignatures;
import dev.mailfort.local.clamav.LocalClamd;
import dev.mailfort.testing.TemporaryDirectories;

/**
 * The one clamd of this JVM: started on first use on a free loopback port, stopped and its directory deleted when
 * the JVM exits. Test JVMs running side by side each get their own. It detects EICAR as
 * {@link Eicar#REPORTED_SIGNATURE_NAME} and nothing else.
 */
public final class SharedClamd {
    /** clamd's StreamMaxLength, small so that a test can go over it quickly. */
    public static final long STREAM_MAX_LENGTH = 4L * 1024 * 1024;
    /** The only file of the tests' signature database. */
    public static final String SIGNATURE_FILE = "mailfort-tests.hdb";
    private static final System.Logger LOGGER = System.getLogger(SharedClamd.class.getName());

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

    static ClamdOptions testOptions() {
        return ClamdOptions.builder(ClamdSignatures.privateFile(SIGNATURE_FILE, Eicar.hdbSignature() + "\n"))
            .streamMaxLength(STREAM_MAX_LENGTH)
            .maxThreads(4)
            .build();
    }

    private static LocalClamd startNew() {
        Path binary = ClamdBinary.find();
        Path directory = createDirectory();
        try {
            LocalClamd candidate = LocalClamd.in(binary, directory, testOptions());
            candidate.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                candidate.stop();
                TemporaryDirectories.deleteQuietly(directory);
            }, "mailfort-clamd-cleanup"));
            return candidate;
        } catch (RuntimeException e) {
            TemporaryDirectories.deleteQuietly(directory);
            throw e;
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
