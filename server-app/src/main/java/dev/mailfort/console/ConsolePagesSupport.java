/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.util.Locale;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

/** Conversions several console pages need. */
final class ConsolePagesSupport {
    private ConsolePagesSupport() {
    }

    /** @throws IllegalArgumentException when {@code value} is not a mail address */
    static MailAddress mailAddress(String value) {
        try {
            return new MailAddress(value.trim());
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not a mail address: " + value, e);
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    static String required(ConsoleExchange exchange, String field) throws java.io.IOException {
        String value = exchange.form(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.trim();
    }
}
