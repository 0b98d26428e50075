/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

/**
 * Stops the inspection of one MIME part at once: a zip-bomb guard or the depth limit tripped, and reading further
 * would only cost time. The finding that explains why is recorded where it is thrown.
 */
final class InspectionAbortedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InspectionAbortedException(String message) {
        super(message, null, false, false);
    }
}
