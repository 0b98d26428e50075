/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RabbitMQBinaryTest {
    @TempDir
    Path directory;

    @Test
    void findsTheServerAndTheEpmdOfTheNewestErlangRuntime() throws IOException {
        Path server = executable(directory.resolve("rabbitmq/bin/rabbitmq-server"));
        executable(directory.resolve("erlang/erts-13.1.4/bin/epmd"));
        Path newest = executable(directory.resolve("erlang/erts-13.1.5/bin/epmd"));

        assertThat(RabbitMQBinary.locate(server, directory.resolve("erlang")))
            .contains(new RabbitMQBinary(server, newest));
    }

    @Test
    void nothingWithoutAnExecutableServer() throws IOException {
        Path server = Files.createDirectories(directory.resolve("bin")).resolve("rabbitmq-server");
        Files.createFile(server);
        executable(directory.resolve("erlang/erts-13.1.5/bin/epmd"));

        assertThat(RabbitMQBinary.locate(server, directory.resolve("erlang"))).isEmpty();
        assertThat(RabbitMQBinary.locate(directory.resolve("missing"), directory.resolve("erlang"))).isEmpty();
    }

    @Test
    void missingBrokerNamesTheDebianPackage() {
        assertThat(RabbitMQBinary.notInstalled())
            .hasMessageContaining("apt-get install -y --no-install-recommends rabbitmq-server");
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.createFile(file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
