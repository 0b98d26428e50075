/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Clean-up of the directories the test daemons (Cassandra, clamd, rspamd) run in. */
public final class TemporaryDirectories {
    private static final System.Logger LOGGER = System.getLogger(TemporaryDirectories.class.getName());

    private TemporaryDirectories() {
    }

    /**
     * Deletes a directory tree, logging instead of failing: it runs at JVM exit, when a test has nothing left to
     * report to. A daemon may remove files of its own while it stops, so a file vanishing under the walk is
     * ignored, and the walk is tried again if something was left.
     */
    public static void deleteQuietly(Path directory) {
        for (int attempt = 1; attempt <= 3 && Files.exists(directory); attempt++) {
            try {
                Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                if (attempt == 3) {
                    LOGGER.log(Level.WARNING, "Cannot delete " + directory + ": " + e);
                }
            }
        }
    }
}
