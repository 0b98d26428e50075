/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClamdSignaturesTest {
    @TempDir
    Path directory;

    @Test
    void aDirectoryWithAnOfficialDatabaseIsUsedInPlace() throws IOException {
        Files.createFile(directory.resolve("main.cvd"));

        ClamdSignatures signatures = ClamdSignatures.systemDatabaseOrEicarOnly(directory);

        assertThat(signatures.usesSystemDatabase()).isTrue();
        assertThat(signatures.databaseDirectory(Path.of("private"))).isEqualTo(directory);
    }

    @Test
    void anIncrementallyUpdatedDatabaseCountsToo() throws IOException {
        Files.createFile(directory.resolve("daily.cld"));

        assertThat(ClamdSignatures.hasOfficialDatabase(directory)).isTrue();
    }

    @Test
    void anEmptyOrMissingDirectoryFallsBackToEicarOnly() throws IOException {
        Files.createFile(directory.resolve("freshclam.dat"));

        assertThat(ClamdSignatures.systemDatabaseOrEicarOnly(directory).usesSystemDatabase()).isFalse();
        assertThat(ClamdSignatures.systemDatabaseOrEicarOnly(directory.resolve("absent")).usesSystemDatabase())
            .isFalse();
    }

    @Test
    void eicarOnlyWritesOneHashSignature() throws IOException {
        Path database = directory.resolve("db");

        ClamdSignatures.eicarOnly().install(database);

        try (var files = Files.list(database)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("mailfort-eicar-only.hdb");
        }
        assertThat(Files.readString(database.resolve("mailfort-eicar-only.hdb")))
            .isEqualTo("44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n");
    }

    @Test
    void theSystemDatabaseIsNeverWrittenTo() throws IOException {
        ClamdSignatures.systemDatabase(directory).install(directory);

        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }
}
