/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where a local node keeps its files, all under one directory so that a later run finds the same data.
 *
 * <pre>
 * DIR/conf/cassandra.yaml, DIR/conf/logback.xml   rewritten on every start
 * DIR/data, commitlog, hints, saved_caches, cdc_raw, triggers
 * DIR/logs/cassandra.log                          the node's console; the previous run's is cassandra.log.1
 * DIR/cassandra.pid                               while the node runs
 * </pre>
 */
final class CassandraFiles {
    private final Path root;

    CassandraFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path configFile() {
        return root.resolve("conf").resolve("cassandra.yaml");
    }

    Path logbackFile() {
        return root.resolve("conf").resolve("logback.xml");
    }

    Path dataDirectory() {
        return root.resolve("data");
    }

    Path commitLogDirectory() {
        return root.resolve("commitlog");
    }

    Path hintsDirectory() {
        return root.resolve("hints");
    }

    Path savedCachesDirectory() {
        return root.resolve("saved_caches");
    }

    Path cdcDirectory() {
        return root.resolve("cdc_raw");
    }

    /** Cassandra looks for trigger jars here, and warns every minute if it does not exist. */
    Path triggersDirectory() {
        return root.resolve("triggers");
    }

    Path logDirectory() {
        return root.resolve("logs");
    }

    Path logFile() {
        return logDirectory().resolve("cassandra.log");
    }

    Path pidFile() {
        return root.resolve("cassandra.pid");
    }

    boolean holdsData() throws IOException {
        Path data = dataDirectory();
        if (!Files.isDirectory(data)) {
            return false;
        }
        try (var entries = Files.list(data)) {
            return entries.findAny().isPresent();
        }
    }

    void createDirectories() throws IOException {
        for (Path directory : List.of(configFile().getParent(), dataDirectory(), commitLogDirectory(),
                hintsDirectory(), savedCachesDirectory(), cdcDirectory(), triggersDirectory(), logDirectory())) {
            Files.createDirectories(directory);
        }
    }

    /** Keeps one previous log, so the reason a node stopped last time survives one restart. */
    void rotateLog() throws IOException {
        Path log = logFile();
        if (Files.exists(log)) {
            Files.move(log, logDirectory().resolve("cassandra.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
