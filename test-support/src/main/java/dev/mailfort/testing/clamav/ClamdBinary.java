/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@code clamd} executable of Debian's {@code clamav-daemon} package. */
final class ClamdBinary {
    static final String DEBIAN_PACKAGE = "clamav-daemon";

    private ClamdBinary() {
    }

    static Path find() {
        // clamd lives in /usr/sbin, which is not on every user's PATH.
        List<Path> directories = new ArrayList<>(List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        return findIn(directories).orElseThrow(ClamdBinary::notInstalled);
    }

    static Optional<Path> findIn(List<Path> directories) {
        return directories.stream()
            .map(directory -> directory.resolve("clamd"))
            .filter(Files::isExecutable)
            .findFirst();
    }

    static IllegalStateException notInstalled() {
        return new IllegalStateException("clamd is not installed: the ClamAV tests need the Debian package "
            + DEBIAN_PACKAGE + " (apt-get install -y " + DEBIAN_PACKAGE + "; .ci/run installs it)");
    }
}
