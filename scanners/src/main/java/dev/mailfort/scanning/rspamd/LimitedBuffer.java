/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** An in-memory buffer that refuses to grow past a limit: the write that would pass it throws {@link LimitExceeded}. */
final class LimitedBuffer extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private final long limit;

    static final class LimitExceeded extends IOException {
        LimitExceeded(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    LimitedBuffer(long limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) throws LimitExceeded {
        ensureRoom(1);
        bytes.write(b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws LimitExceeded {
        ensureRoom(length);
        bytes.write(buffer, offset, length);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void ensureRoom(int length) throws LimitExceeded {
        if ((long) bytes.size() + length > limit) {
            throw new LimitExceeded(limit);
        }
    }
}
