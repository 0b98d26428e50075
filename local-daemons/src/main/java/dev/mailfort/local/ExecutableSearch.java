/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds an installed program the way a shell would, plus the sbin directories a normal user's PATH lacks. */
public final class ExecutableSearch {
    private ExecutableSearch() {
    }

    /** The directories of {@code PATH}, in order, without blanks. */
    public static List<Path> pathDirectories() {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        return directories;
    }

    public static Optional<Path> findIn(List<Path> directories, String name) {
        return directories.stream()
            .map(directory -> directory.resolve(name))
            .filter(Files::isExecutable)
            .findFirst();
    }
}
