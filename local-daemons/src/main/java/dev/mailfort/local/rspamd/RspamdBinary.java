/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rspamd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mailfort.local.ExecutableSearch;

/** Finds the {@code rspamd} executable of Debian's {@code rspamd} package, or the one {@value #VARIABLE} names. */
public final class RspamdBinary {
    public static final String VARIABLE = "MAILFORT_RSPAMD_BINARY";
    public static final String DEBIAN_PACKAGE = "rspamd";

    private RspamdBinary() {
    }

    /** The installed rspamd, or an exception that says which package to install. */
    public static Path find() {
        return locate().orElseThrow(RspamdBinary::notInstalled);
    }

    /** The installed rspamd; fails if {@value #VARIABLE} names something that is not an executable. */
    public static Optional<Path> locate() {
        String configured = System.getenv(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path binary = Path.of(configured);
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(VARIABLE + "=" + configured + " is not an executable");
            }
            return Optional.of(binary);
        }
        List<Path> directories = new ArrayList<>(ExecutableSearch.pathDirectories());
        directories.add(Path.of("/usr/bin"));
        directories.add(Path.of("/usr/sbin"));
        return ExecutableSearch.findIn(directories, "rspamd");
    }

    static IllegalStateException notInstalled() {
        return new IllegalStateException("No rspamd binary on this machine (looked in PATH, /usr/bin and /usr/sbin). "
            + "It comes with the Debian package '" + DEBIAN_PACKAGE + "', which .ci/run installs: "
            + "apt-get install -y --no-install-recommends " + DEBIAN_PACKAGE + " (or set " + VARIABLE + ").");
    }
}
