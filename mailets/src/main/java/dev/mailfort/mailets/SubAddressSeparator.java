/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import java.util.Optional;

import javax.mail.MessagingException;

/** The characters that separate a local part from its tag ({@code alice+news}), each one on its own. */
final class SubAddressSeparator {
    private static final String FORBIDDEN = "@\" \t\\";

    private final String characters;

    private SubAddressSeparator(String characters) {
        this.characters = characters;
    }

    static SubAddressSeparator parse(String value) throws MessagingException {
        String characters = value == null ? "" : value.strip();
        if (characters.isEmpty()) {
            throw new MessagingException("separator must not be empty");
        }
        for (char c : characters.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0 || c < 0x21 || c > 0x7e) {
                throw new MessagingException("separator may not contain '" + c + "'");
            }
        }
        return new SubAddressSeparator(characters);
    }

    /** The local part before the first separator, when there is one after at least one character. */
    Optional<String> baseLocalPart(String localPart) {
        for (int i = 1; i < localPart.length(); i++) {
            if (characters.indexOf(localPart.charAt(i)) >= 0) {
                return Optional.of(localPart.substring(0, i));
            }
        }
        return Optional.empty();
    }
}
