/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mailfort.local.rspamd.LocalRspamd;
import dev.mailfort.testing.TemporaryDirectories;

/**
 * The one test rspamd of this JVM (a {@link LocalRspamd} with {@link RspamdTestRules}), created and started on
 * first use, stopped and its directory deleted when the JVM exits. Test classes share it; one that stops it (to
 * test an unavailable scanner) leaves it to {@link RspamdExtension} to start it again before the next test.
 */
public final class SharedRspamd {
    private static final System.Logger LOGGER = System.getLogger(SharedRspamd.class.getName());

    private static LocalRspamd rspamd;
    private static RuntimeException failure;

    private SharedRspamd() {
    }

    /** The instance, running. */
    public static synchronized LocalRspamd running() {
        LocalRspamd instance = instance();
        instance.start();
        return instance;
    }

    /** The instance, in whatever state the last test left it. */
    public static synchronized LocalRspamd instance() {
        // A missing package fails every class the same way; no need to look for it again each time.
        if (failure != null) {
            throw new IllegalStateException("rspamd for tests could not be set up earlier in this JVM", failure);
        }
        if (rspamd == null) {
            Path directory;
            try {
                directory = Files.createTempDirectory("mailfort-rspamd-");
            } catch (IOException e) {
                failure = new UncheckedIOException("Cannot create a directory for rspamd", e);
                throw failure;
            }
            try {
                LocalRspamd created = LocalRspamd.in(directory, RspamdTestRules.configuration());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    created.stop();
                    TemporaryDirectories.deleteQuietly(directory);
                }, "mailfort-rspamd-cleanup"));
                rspamd = created;
            } catch (RuntimeException e) {
                TemporaryDirectories.deleteQuietly(directory);
                failure = e;
                throw e;
            }
        }
        return rspamd;
    }
}
