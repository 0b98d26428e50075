/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Measures what {@link LimitHeaderSizeAndMimeDepth} limits, reading a raw message once, as a stream, and stopping
 * as soon as a limit is passed: the size of the header section (everything before the first empty line) and how
 * deeply multiparts and attached messages are nested.
 *
 * @param maxHeaderBytes largest header section accepted, in bytes, line ends included
 * @param maxMimeDepth   most multiparts and attached messages open at once (a plain text message has depth 0, a
 *                       multipart/mixed 1, a message attached in it 2 ...)
 */
record MessageStructureLimits(long maxHeaderBytes, int maxMimeDepth) {
    /** What went over a limit. */
    enum Violation { HEADER_TOO_LARGE, MIME_TOO_DEEP }

    // Only the nesting is of interest: mime4j's own line and header limits must not end the walk early (the header
    // section is measured separately, the DATA line length by the server's maxLineLength).
    private static final MimeConfig UNLIMITED = MimeConfig.custom()
        .setMaxLineLen(-1)
        .setMaxHeaderLen(-1)
        .setMaxHeaderCount(-1)
        .setMaxContentLen(-1)
        .build();

    MessageStructureLimits {
        if (maxHeaderBytes < 1 || maxMimeDepth < 1) {
            throw new IllegalArgumentException("maxHeaderSize and maxMimeDepth must be positive");
        }
    }

    /** True when the header section (up to the first empty line, or the whole message without one) is too large. */
    boolean headerTooLarge(InputStream message) throws IOException {
        InputStream in = message instanceof BufferedInputStream ? message : new BufferedInputStream(message);
        long size = 0;
        long lineLength = 0;
        for (int b = in.read(); b != -1; b = in.read()) {
            size++;
            if (size > maxHeaderBytes) {
                return true;
            }
            if (b == '\n') {
                if (lineLength == 0) {
                    return false;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return false;
    }

    /** True when multiparts and attached messages nest more than {@code maxMimeDepth} levels deep. */
    boolean mimeTooDeep(InputStream message) throws IOException {
        MimeTokenStream tokens = new MimeTokenStream(UNLIMITED);
        tokens.setRecursionMode(RecursionMode.M_RECURSE);
        tokens.parse(message);
        int depth = 0;
        boolean outerMessage = true;
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                switch (state) {
                    case T_START_MESSAGE -> {
                        if (outerMessage) {
                            outerMessage = false;
                        } else {
                            depth++;
                        }
                    }
                    case T_START_MULTIPART -> depth++;
                    case T_END_MULTIPART -> depth--;
                    case T_END_MESSAGE -> depth = Math.max(0, depth - 1);
                    default -> {
                        // parts and headers do not nest by themselves
                    }
                }
                if (depth > maxMimeDepth) {
                    return true;
                }
            }
        } catch (MimeException e) {
            // A structure mime4j cannot follow is not this check's business: the scanners judge it after the 250.
            return false;
        }
        return false;
    }

    /** Checks both limits; {@code source} is asked for a fresh stream of the raw message for each. */
    Optional<Violation> check(MessageSource source) throws IOException {
        try (InputStream in = source.open()) {
            if (headerTooLarge(in)) {
                return Optional.of(Violation.HEADER_TOO_LARGE);
            }
        }
        try (InputStream in = source.open()) {
            if (mimeTooDeep(in)) {
                return Optional.of(Violation.MIME_TOO_DEEP);
            }
        }
        return Optional.empty();
    }

    @FunctionalInterface
    interface MessageSource {
        InputStream open() throws IOException;
    }
}
