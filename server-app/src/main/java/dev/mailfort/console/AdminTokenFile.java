/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.tls.OwnerOnlyFiles;

/**
 * The console's admin token: one line in a file only the server's account can read, created with 32 random bytes
 * on first start. Its path is logged so that an admin can find it; its value never is.
 */
public final class AdminTokenFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(AdminTokenFile.class);
    private static final int RANDOM_BYTES = 32;

    private AdminTokenFile() {
    }

    /**
     * @param file   where the token is (created there when missing)
     * @param random the source of a new token
     * @return the token
     */
    public static String readOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                OwnerOnlyFiles.createNew(file, out -> out.write((token + "\n").getBytes(StandardCharsets.UTF_8)));
                LOGGER.info("Console admin token created in {} (readable by its owner only)", file);
                return token;
            } catch (FileAlreadyExistsException raced) {
                // Another start created it in the meantime: use theirs.
            }
        }
        // A token file written by hand with "echo" ends with a newline that is not part of the token.
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.length() < 16) {
            throw new IOException("The console token in " + file + " is shorter than 16 characters");
        }
        LOGGER.info("Console admin token read from {}", file);
        return token;
    }
}
