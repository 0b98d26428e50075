/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;

/**
 * Lenient quoted-printable decoding over whole buffers, for the text bodies that are read to their end (the search
 * for uuencoded files). {@code =XX} becomes the byte, {@code =} before a line break (after optional blanks) joins
 * the lines, and any other {@code =} stays as it is, as lenient decoders do.
 */
final class QuotedPrintableDecodingStream extends InputStream {

    private final InputStream in;
    private final byte[] raw = new byte[8192];
    private int rawPosition;
    private int rawLimit;
    private boolean endOfInput;
    private final byte[] decoded = new byte[8192];
    private int decodedPosition;
    private int decodedLimit;

    QuotedPrintableDecodingStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (decodedPosition == decodedLimit && !refill()) {
            return -1;
        }
        return decoded[decodedPosition++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (decodedPosition == decodedLimit && !refill()) {
            return -1;
        }
        int count = Math.min(length, decodedLimit - decodedPosition);
        System.arraycopy(decoded, decodedPosition, buffer, offset, count);
        decodedPosition += count;
        return count;
    }

    private boolean refill() throws IOException {
        decodedPosition = 0;
        decodedLimit = 0;
        while (decodedLimit == 0) {
            if (rawLimit - rawPosition < 80 && !endOfInput) {
                fillRaw();
            }
            if (rawPosition == rawLimit) {
                return false;
            }
            decodeAvailable();
        }
        return true;
    }

    private void fillRaw() throws IOException {
        System.arraycopy(raw, rawPosition, raw, 0, rawLimit - rawPosition);
        rawLimit -= rawPosition;
        rawPosition = 0;
        while (rawLimit < raw.length && !endOfInput) {
            int n = in.read(raw, rawLimit, raw.length - rawLimit);
            if (n < 0) {
                endOfInput = true;
            } else {
                rawLimit += n;
            }
        }
    }

    /**
     * Decodes while a whole escape (with its possible run of blanks before a soft break) is certainly in the
     * buffer; the last bytes wait for the next fill unless the input has ended.
     */
    private void decodeAvailable() {
        int out = 0;
        int position = rawPosition;
        int limit = endOfInput ? rawLimit : rawLimit - 78;
        while (position < limit && out < decoded.length) {
            // copy the run up to the next '=' in one go: most of a text body is literal
            int runEnd = position;
            int runLimit = Math.min(limit, position + decoded.length - out);
            while (runEnd < runLimit && raw[runEnd] != '=') {
                runEnd++;
            }
            System.arraycopy(raw, position, decoded, out, runEnd - position);
            out += runEnd - position;
            position = runEnd;
            if (position >= limit || out >= decoded.length) {
                break;
            }
            position = decodeEscape(position, out);
            out = escapeOutput;
        }
        rawPosition = position;
        decodedLimit = out;
    }

    private int escapeOutput;

    /** Decodes the {@code =} at {@code position}; returns the next raw position, the output size in escapeOutput. */
    private int decodeEscape(int position, int out) {
        int hi = position + 1 < rawLimit ? Character.digit(raw[position + 1], 16) : -1;
        int lo = position + 2 < rawLimit ? Character.digit(raw[position + 2], 16) : -1;
        if (hi >= 0 && lo >= 0) {
            decoded[out] = (byte) ((hi << 4) | lo);
            escapeOutput = out + 1;
            return position + 3;
        }
        escapeOutput = out;
        int after = position + 1;
        while (after < rawLimit && (raw[after] == ' ' || raw[after] == '\t')) {
            after++;
        }
        if (after + 1 < rawLimit && raw[after] == '\r' && raw[after + 1] == '\n') {
            return after + 2;
        }
        if (after < rawLimit && raw[after] == '\n') {
            return after + 1;
        }
        if (after == rawLimit && endOfInput) {
            return after;
        }
        decoded[out] = '=';
        escapeOutput = out + 1;
        return position + 1;
    }
}
