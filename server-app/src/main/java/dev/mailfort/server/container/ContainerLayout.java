/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The directories of the image. The admin's configuration ({@code /opt/mailfort/conf}, baked in or mounted, possibly
 * read-only) is copied at every start into the server's working directory ({@code /opt/mailfort/run/conf}) with the
 * environment applied; the working directory's {@code var} is a link to the state volume ({@code /opt/mailfort/var}:
 * mail queue, keystore), so James finds its usual layout and state survives the container.
 */
public record ContainerLayout(Path confSource, Path workingDirectory, Path state) {
    public static final ContainerLayout IMAGE = new ContainerLayout(Path.of("/opt/mailfort/conf"),
        Path.of("/opt/mailfort/run"), Path.of("/opt/mailfort/var"));

    public Path conf() {
        return workingDirectory.resolve("conf");
    }

    /** Builds {@code conf/} afresh from the source and links {@code var}. */
    public void prepare(EnvironmentConf environment) throws IOException {
        if (!Files.isDirectory(confSource)) {
            throw new IOException("No configuration directory at " + confSource);
        }
        deleteRecursively(conf());
        Files.createDirectories(conf());
        for (Path file : regularFiles(confSource)) {
            Path relative = confSource.relativize(file);
            Path target = conf().resolve(relative.toString());
            Files.createDirectories(target.getParent());
            if (relative.getNameCount() == 1) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(target, environment.apply(relative.toString(), text), StandardCharsets.UTF_8);
            } else {
                Files.copy(file, target);
            }
        }
        for (String name : environment.filesToCreate()) {
            Path target = conf().resolve(name);
            if (!Files.exists(target)) {
                Files.writeString(target, environment.apply(name, ""), StandardCharsets.UTF_8);
            }
        }
        linkState();
    }

    private void linkState() throws IOException {
        Files.createDirectories(state);
        Path link = workingDirectory.resolve("var");
        if (Files.isSymbolicLink(link)) {
            if (Files.readSymbolicLink(link).equals(state)) {
                return;
            }
            Files.delete(link);
        } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(link + " is not a link to " + state + ": move its content to " + state + " and delete it");
        }
        Files.createSymbolicLink(link, state);
    }

    // A mounted configuration (Kubernetes ConfigMap) holds its files behind links: follow them, keep what is a file.
    private static List<Path> regularFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                .filter(file -> !isKubernetesInternal(directory.relativize(file)))
                .sorted()
                .collect(Collectors.toList());
        }
    }

    // ConfigMap volumes keep the real files in "..<timestamp>/" and "..data/", linked from the top level.
    private static boolean isKubernetesInternal(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith("..")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
