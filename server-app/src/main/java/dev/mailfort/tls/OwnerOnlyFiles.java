/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold secrets (private keys, passwords) so that only the owner can read them, and so that a
 * crash half-way never leaves a truncated file where the next start would find it and trust it.
 */
public final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code target} with the given content; fails if it already exists, so a file an operator put there
     * in the meantime is never replaced.
     */
    public static void createNew(Path target, Content content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // The permissions are set when the temporary file is created, so the secret is never readable by others.
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", ownerOnlyAttributes(directory));
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            moveWithoutReplacing(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveWithoutReplacing(Path temporary, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
    }

    private static FileAttribute<?>[] ownerOnlyAttributes(Path directory) {
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) == null) {
            // Non-POSIX file systems (Windows developer machines): createTempFile already restricts access there.
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)};
    }
}
