/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rabbitmq;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mailfort.local.ExecutableSearch;

/**
 * The two programs of Debian's {@code rabbitmq-server} package that a {@link LocalRabbitMQ} runs: the broker's
 * foreground launcher and Erlang's port mapper daemon (epmd).
 *
 * @param server the launcher script in RabbitMQ's own bin directory; not {@code /usr/sbin/rabbitmq-server}, which
 *               switches to the {@code rabbitmq} user and its system-wide directories
 * @param epmd   the epmd of the Erlang runtime the broker uses
 */
public record RabbitMQBinary(Path server, Path epmd) {
    public static final String DEBIAN_PACKAGE = "rabbitmq-server";
    static final Path DEBIAN_SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    static final Path DEBIAN_ERLANG = Path.of("/usr/lib/erlang");

    /** The installed broker and epmd, or an exception that says which package to install. */
    public static RabbitMQBinary find() {
        return locate().orElseThrow(RabbitMQBinary::notInstalled);
    }

    public static Optional<RabbitMQBinary> locate() {
        return locate(DEBIAN_SERVER, DEBIAN_ERLANG);
    }

    static Optional<RabbitMQBinary> locate(Path server, Path erlangRoot) {
        if (!Files.isExecutable(server)) {
            return Optional.empty();
        }
        return findEpmd(erlangRoot).map(epmd -> new RabbitMQBinary(server, epmd));
    }

    /** The epmd of an {@code erts-*} directory, else one on the PATH (Debian links {@code /usr/bin/epmd}). */
    static Optional<Path> findEpmd(Path erlangRoot) {
        List<Path> directories = new ArrayList<>();
        if (Files.isDirectory(erlangRoot)) {
            try (DirectoryStream<Path> runtimes = Files.newDirectoryStream(erlangRoot, "erts-*")) {
                runtimes.forEach(runtime -> directories.add(runtime.resolve("bin")));
            } catch (IOException e) {
                // Unreadable: fall back to the PATH like a missing directory.
            }
        }
        // Newest runtime first, should an upgrade have left an old one behind.
        directories.sort((a, b) -> b.toString().compareTo(a.toString()));
        directories.addAll(ExecutableSearch.pathDirectories());
        return ExecutableSearch.findIn(directories, "epmd");
    }

    static IllegalStateException notInstalled() {
        return new IllegalStateException("RabbitMQ is not installed: " + DEBIAN_SERVER + " and Erlang's epmd come with "
            + "the Debian package " + DEBIAN_PACKAGE + " (apt-get install -y --no-install-recommends "
            + DEBIAN_PACKAGE + "; .ci/run installs it)");
    }
}
