/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.Locale;

/** Why a part (or an entry inside one of its archives) was reported. */
public enum FindingReason {
    /** The file name ends with an extension from the blocked list. */
    BLOCKED_EXTENSION,
    /** The real content (magic bytes) is of a blocked kind, whatever the name says. */
    BLOCKED_CONTENT,
    /** A decoy extension before a blocked one: {@code invoice.pdf.exe}. */
    DOUBLE_EXTENSION,
    /** Bidirectional-text control characters in the name, used to display {@code exe} as {@code fdp}. */
    BIDI_CONTROL_IN_NAME,
    /** The name or declared type promises one kind of content and the bytes are an active, different kind. */
    CONTENT_TYPE_MISMATCH,
    /** An encrypted archive entry or a password-protected Office document: nobody can look inside. */
    ENCRYPTED,
    /** A VBA project (OOXML {@code vbaProject.bin}, OLE2 VBA storage), Excel 4 macro sheets or ODF Basic. */
    MACRO,
    /** Nesting deeper than allowed, or a zip-bomb guard (entry count, total size, ratio) tripped. */
    ARCHIVE_TOO_COMPLEX,
    /** Some content could not be read to the end (parse error, truncation, unsupported encoding or limit). */
    UNINSPECTABLE,
    /** Recoverable MIME damage (missing end boundary, invalid header lines, bad base64 characters). */
    MALFORMED_MIME;

    /** The lower-case, dash-separated form used in attributes and headers, e.g. {@code blocked-extension}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
