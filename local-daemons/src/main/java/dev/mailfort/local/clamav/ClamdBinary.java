/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mailfort.local.ExecutableSearch;

/** Finds the {@code clamd} executable of Debian's {@code clamav-daemon} package. */
public final class ClamdBinary {
    public static final String DEBIAN_PACKAGE = "clamav-daemon";

    private ClamdBinary() {
    }

    /** The installed clamd, or an exception that says which package to install. */
    public static Path find() {
        return locate().orElseThrow(ClamdBinary::notInstalled);
    }

    public static Optional<Path> locate() {
        // clamd lives in /usr/sbin, which is not on every user's PATH.
        List<Path> directories = new ArrayList<>(List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin")));
        directories.addAll(ExecutableSearch.pathDirectories());
        return findIn(directories);
    }

    static Optional<Path> findIn(List<Path> directories) {
        return ExecutableSearch.findIn(directories, "clamd");
    }

    static IllegalStateException notInstalled() {
        return new IllegalStateException("clamd is not installed: it comes with the Debian package " + DEBIAN_PACKAGE
            + " (apt-get install -y " + DEBIAN_PACKAGE + "; .ci/run installs it)");
    }
}
