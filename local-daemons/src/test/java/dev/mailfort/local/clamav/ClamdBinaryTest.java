/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClamdBinaryTest {
    @TempDir
    Path directory;

    @Test
    void findsAnExecutableClamd() throws IOException {
        Path clamd = Files.createFile(directory.resolve("clamd"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(ClamdBinary.findIn(List.of(directory.resolve("elsewhere"), directory))).contains(clamd);
    }

    @Test
    void ignoresAClamdThatIsNotExecutable() throws IOException {
        Files.createFile(directory.resolve("clamd"));

        assertThat(ClamdBinary.findIn(List.of(directory))).isEmpty();
    }

    @Test
    void missingClamdNamesTheDebianPackage() {
        assertThat(ClamdBinary.notInstalled()).hasMessageContaining("apt-get install -y clamav-daemon");
    }
}
