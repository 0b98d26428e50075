/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.apache.james.mime4j.codec.DecodeMonitor;

/**
 * Lenient base64 decoding with a table lookup over whole buffers: the transfer decoding of every archive and
 * compound file goes through here, and mime4j's byte-at-a-time decoder was the largest cost on attachment-heavy
 * mail. Same reading as mime4j's: characters outside the alphabet are skipped (and reported once), decoding stops
 * at the padding character, and a last incomplete group yields the bytes it holds.
 */
final class Base64DecodingStream extends InputStream {

    private static final byte WHITESPACE = -2;
    private static final byte PAD = -3;
    private static final byte INVALID = -1;
    private static final byte[] TABLE = table();

    private final InputStream in;
    private final DecodeMonitor monitor;
    private final byte[] raw = new byte[8192];
    private final byte[] decoded = new byte[8192 / 4 * 3 + 3];
    private int decodedPosition;
    private int decodedLimit;
    private int accumulator;
    private int sextets;
    private boolean ended;
    private boolean invalidReported;

    Base64DecodingStream(InputStream in, DecodeMonitor monitor) {
        this.in = in;
        this.monitor = monitor;
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
        while (decodedLimit == 0 && !ended) {
            int n = in.read(raw);
            if (n < 0) {
                finish();
                break;
            }
            decodeChunk(n);
        }
        return decodedLimit > 0;
    }

    private void decodeChunk(int length) {
        int out = 0;
        int acc = accumulator;
        int count = sextets;
        byte[] table = TABLE;
        byte[] in = raw;
        int i = 0;
        byte[] target = decoded;
        while (i < length) {
            if (count == 0) {
                // whole groups of four alphabet characters, the bulk of every line, in a tight loop
                int fastEnd = length - 3;
                while (i < fastEnd) {
                    int a = table[in[i] & 0xFF];
                    int b = table[in[i + 1] & 0xFF];
                    int c = table[in[i + 2] & 0xFF];
                    int d = table[in[i + 3] & 0xFF];
                    if ((a | b | c | d) < 0) {
                        break;
                    }
                    int group = (a << 18) | (b << 12) | (c << 6) | d;
                    target[out] = (byte) (group >> 16);
                    target[out + 1] = (byte) (group >> 8);
                    target[out + 2] = (byte) group;
                    out += 3;
                    i += 4;
                }
                if (i >= length) {
                    break;
                }
            }
            byte value = table[in[i] & 0xFF];
            i++;
            if (value >= 0) {
                acc = (acc << 6) | value;
                if (++count == 4) {
                    decoded[out++] = (byte) (acc >> 16);
                    decoded[out++] = (byte) (acc >> 8);
                    decoded[out++] = (byte) acc;
                    acc = 0;
                    count = 0;
                }
            } else if (value == PAD) {
                accumulator = acc;
                sextets = count;
                decodedLimit = out;
                finish();
                return;
            } else if (value == INVALID && !invalidReported) {
                invalidReported = true;
                monitor.warn("Unexpected base64 byte: " + in[i - 1], "ignoring.");
            }
        }
        accumulator = acc;
        sextets = count;
        decodedLimit = out;
    }

    /** Emits what a trailing partial group holds: two sextets make one byte, three make two. */
    private void finish() {
        if (ended) {
            return;
        }
        ended = true;
        if (sextets == 2) {
            decoded[decodedLimit++] = (byte) (accumulator >> 4);
        } else if (sextets == 3) {
            decoded[decodedLimit++] = (byte) (accumulator >> 10);
            decoded[decodedLimit++] = (byte) (accumulator >> 2);
        } else if (sextets == 1) {
            monitor.warn("Unexpected end of BASE64 stream", "dropping 1 sextet");
        }
        sextets = 0;
    }

    private static byte[] table() {
        byte[] table = new byte[256];
        Arrays.fill(table, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            table[alphabet.charAt(i)] = (byte) i;
        }
        table['\r'] = WHITESPACE;
        table['\n'] = WHITESPACE;
        table[' '] = WHITESPACE;
        table['='] = PAD;
        return table;
    }
}
