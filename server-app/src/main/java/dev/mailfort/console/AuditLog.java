/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per console action through the logger {@value #LOGGER_NAME}, so that logback can send it to its own
 * file: who, from which address, what, on which object, and the outcome. Never a password or a token.
 */
public final class AuditLog {
    public static final String LOGGER_NAME = "dev.mailfort.console.audit";
    private static final Logger LOGGER = LoggerFactory.getLogger(LOGGER_NAME);

    /**
     * @param who     the admin ("token" or a mail address), or the name tried for a failed login
     * @param from    the client's IP address
     * @param action  what was done, e.g. {@code quarantine.release}
     * @param object  what it was done to (a mail key, an address, a domain)
     * @param outcome {@code ok}, {@code failed}, {@code refused}, ...
     */
    public void record(String who, String from, String action, String object, String outcome) {
        LOGGER.info("console audit: who={} from={} action={} object={} outcome={}",
            oneLine(who), oneLine(from), action, oneLine(object), outcome);
    }

    // Names typed into a form may hold line breaks; they must not forge extra audit lines.
    static String oneLine(String value) {
        if (value == null) {
            return "-";
        }
        return "\"" + value.replaceAll("[\\r\\n\\t\\x00-\\x1f]", "?").replace("\"", "'") + "\"";
    }
}
