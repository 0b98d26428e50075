/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;

/** Gives back the bytes already read for sniffing, then the rest of the stream: the content as a whole again. */
final class PrefixedInputStream extends InputStream {

    private final byte[] prefix;
    private final int prefixLength;
    private final InputStream rest;
    private int position;

    PrefixedInputStream(byte[] prefix, int prefixLength, InputStream rest) {
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        if (position < prefixLength) {
            return prefix[position++] & 0xFF;
        }
        return rest.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < prefixLength) {
            int count = Math.min(length, prefixLength - position);
            System.arraycopy(prefix, position, buffer, offset, count);
            position += count;
            return count;
        }
        return rest.read(buffer, offset, length);
    }

    @Override
    public long skip(long count) throws IOException {
        if (position < prefixLength) {
            int skipped = (int) Math.min(count, prefixLength - position);
            position += skipped;
            return skipped;
        }
        return rest.skip(count);
    }
}
