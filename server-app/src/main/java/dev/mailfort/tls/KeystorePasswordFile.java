/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The file that keeps the keystore password out of the configuration: one line, readable by the owner only.
 *
 * <p>Written when Mailfort generates its own keystore; an operator may also provide one (e.g. a container secret
 * mounted next to a real keystore).
 */
final class KeystorePasswordFile {
    private static final int RANDOM_BYTES = 24;

    private final Path file;
    private final SecureRandom random;

    KeystorePasswordFile(Path file, SecureRandom random) {
        this.file = file;
        this.random = random;
    }

    Path path() {
        return file;
    }

    Optional<String> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // Secrets written with "echo" or by editors end with a newline that is not part of the password.
        String content = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        if (content.isEmpty()) {
            throw new IOException("The keystore password file " + file + " is empty");
        }
        return Optional.of(content);
    }

    /** Creates the file with a new random password; never replaces an existing file. */
    String createWithRandomPassword() throws IOException {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        // URL-safe Base64 has no characters that XML or configuration interpolation would treat specially.
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OwnerOnlyFiles.createNew(file, out -> out.write((password + "\n").getBytes(StandardCharsets.UTF_8)));
        return password;
    }
}
