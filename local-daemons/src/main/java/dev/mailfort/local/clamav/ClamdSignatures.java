/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@link LocalClamd} detects: either the machine's database kept up to date by {@code freshclam}, or one
 * signature file of our own in a private database directory (quick to load, and the only way to get a clamd
 * without downloading the official databases).
 */
public final class ClamdSignatures {
    /** Where Debian's {@code clamav-freshclam} keeps the official databases. */
    public static final Path SYSTEM_DATABASE = Path.of("/var/lib/clamav");
    /** The signature file of {@link #eicarOnly()}. */
    public static final String EICAR_ONLY_FILE = "mailfort-eicar-only.hdb";
    // MD5, size and name of the EICAR test file: enough for clamd to recognise it, without the file in our build.
    static final String EICAR_HDB_LINE = "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature";

    private final Path systemDirectory;
    private final String fileName;
    private final String content;

    private ClamdSignatures(Path systemDirectory, String fileName, String content) {
        this.systemDirectory = systemDirectory;
        this.fileName = fileName;
        this.content = content;
    }

    /** A private database holding one file, e.g. a {@code .hdb} file with {@code md5:size:name} lines. */
    public static ClamdSignatures privateFile(String fileName, String content) {
        return new ClamdSignatures(null, fileName, content);
    }

    /** A private database that detects the EICAR test file and nothing else. */
    public static ClamdSignatures eicarOnly() {
        return privateFile(EICAR_ONLY_FILE, EICAR_HDB_LINE + "\n");
    }

    /** An existing database directory, read in place and reloaded when {@code freshclam} updates it. */
    public static ClamdSignatures systemDatabase(Path directory) {
        return new ClamdSignatures(directory, null, null);
    }

    /** The database in {@code directory} when it has one, else {@link #eicarOnly()}. */
    public static ClamdSignatures systemDatabaseOrEicarOnly(Path directory) {
        return hasOfficialDatabase(directory) ? systemDatabase(directory) : eicarOnly();
    }

    /** Whether {@code directory} holds a ClamAV database as {@code freshclam} leaves it ({@code .cvd}/{@code .cld}). */
    public static boolean hasOfficialDatabase(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                .anyMatch(name -> name.endsWith(".cvd") || name.endsWith(".cld"));
        } catch (IOException e) {
            return false;
        }
    }

    public boolean usesSystemDatabase() {
        return systemDirectory != null;
    }

    /** The directory clamd is told to load: the system one, or {@code privateDirectory}. */
    Path databaseDirectory(Path privateDirectory) {
        return usesSystemDatabase() ? systemDirectory : privateDirectory;
    }

    /** Writes the private database into {@code privateDirectory}; nothing for the system one. */
    void install(Path privateDirectory) {
        if (usesSystemDatabase()) {
            return;
        }
        try {
            Files.createDirectories(privateDirectory);
            Files.writeString(privateDirectory.resolve(fileName), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write clamd's signatures in " + privateDirectory, e);
        }
    }

    Optional<Path> systemDirectory() {
        return Optional.ofNullable(systemDirectory);
    }

    @Override
    public String toString() {
        return usesSystemDatabase() ? "the database in " + systemDirectory : "only " + fileName;
    }
}
