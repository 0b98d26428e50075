/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
    @TempDir
    Path directory;

    @Test
    void theFirstStartCreatesAnOwnerOnlyFileWith32RandomBytes() throws IOException {
        Path file = directory.resolve("var/console/admin-token");

        String token = AdminTokenFile.readOrCreate(file, new SecureRandom());

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(file)).isEqualTo(token + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void laterStartsReadTheSameToken() throws IOException {
        Path file = directory.resolve("admin-token");
        String first = AdminTokenFile.readOrCreate(file, new SecureRandom());

        assertThat(AdminTokenFile.readOrCreate(file, new SecureRandom())).isEqualTo(first);
    }

    @Test
    void aTokenWrittenByHandLosesItsTrailingNewline() throws IOException {
        Path file = directory.resolve("admin-token");
        Files.writeString(file, "my-own-long-admin-token-value\n");

        assertThat(AdminTokenFile.readOrCreate(file, new SecureRandom())).isEqualTo("my-own-long-admin-token-value");
    }

    @Test
    void aShortTokenIsRefused() throws IOException {
        Path file = directory.resolve("admin-token");
        Files.writeString(file, "short\n");

        assertThatThrownBy(() -> AdminTokenFile.readOrCreate(file, new SecureRandom()))
            .isInstanceOf(IOException.class).hasMessageContaining("shorter than 16");
    }
}
