/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;

/** An archive or compound file whose structure cannot be followed to its end: what is left of it is unseen. */
final class MalformedContainerException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedContainerException(String message) {
        super(message);
    }

    MalformedContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
