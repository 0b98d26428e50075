/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The class path of the Cassandra JVM: this module's own classes (for {@link CassandraChildMain}) followed by
 * the jars of cassandra-all and its dependencies.
 *
 * <p>The jar list is written at build time by the Maven dependency plugin into a resource next to this class.
 * It holds absolute paths into the local Maven repository of the machine that built the module, which is what
 * the local run and the tests need, and why consumers can exclude this module's dependencies.
 */
final class CassandraClassPath {
    static final String RESOURCE = "cassandra.classpath";

    private CassandraClassPath() {
    }

    static String build() {
        List<Path> entries = new ArrayList<>();
        entries.add(ownLocation());
        entries.addAll(cassandraJars());
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    static List<Path> cassandraJars() {
        String text;
        try (InputStream in = CassandraClassPath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing next to "
                    + CassandraClassPath.class.getName() + ": build mailfort-cassandra-runner with Maven");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        List<Path> jars = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry.trim());
            jars.add(jar);
            if (!Files.exists(jar)) {
                missing.add(jar);
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("Resource " + RESOURCE + " lists no jar");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " Cassandra jars are missing, e.g. " + missing.get(0)
                + ": rebuild mailfort-cassandra-runner on this machine (mvn install -pl cassandra-runner)");
        }
        return jars;
    }

    private static Path ownLocation() {
        try {
            return Path.of(CassandraClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot tell where the mailfort-cassandra-runner classes are loaded from", e);
        }
    }
}
