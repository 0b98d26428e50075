/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;

/** Exactly {@code length} bytes of the underlying stream; an early end of that stream is an error. */
final class BoundedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw new MalformedContainerException("archive ends inside an entry");
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new MalformedContainerException("archive ends inside an entry");
        }
        remaining -= n;
        return n;
    }

    /** Reads past whatever the consumer left, so that the underlying stream is at the end of this entry. */
    void skipRest(byte[] scratch) throws IOException {
        while (remaining > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, remaining));
            if (n < 0) {
                throw new MalformedContainerException("archive ends inside an entry");
            }
            remaining -= n;
        }
    }
}
