/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only buffered reader over an archive stream with little-endian field access, position tracking, and a
 * window the inflater can read straight from (so compressed data is copied once).
 */
final class ZipInput {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    /** Archive offset of {@code buffer[0]}. */
    private long bufferStart;
    private boolean endOfStream;

    ZipInput(InputStream in) {
        this.in = in;
    }

    /** Archive offset of the next byte to read. */
    long offset() {
        return bufferStart + position;
    }

    byte[] buffer() {
        return buffer;
    }

    int position() {
        return position;
    }

    int available() {
        return limit - position;
    }

    void advance(int count) {
        position += count;
    }

    /** Hands back bytes the inflater was given but did not use; they are still in the buffer. */
    void unread(int count) {
        position -= count;
    }

    /** Makes at least {@code count} bytes available unless the stream ends first; returns whether it did. */
    boolean ensure(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        if (count > buffer.length) {
            throw new MalformedContainerException("archive header larger than " + buffer.length + " bytes");
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            bufferStart += position;
            limit -= position;
            position = 0;
        }
        while (limit < count && !endOfStream) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfStream = true;
            } else {
                limit += read;
            }
        }
        return limit - position >= count;
    }

    /** Refills when empty; returns false at the end of the stream. */
    boolean fill() throws IOException {
        return available() > 0 || ensure(1);
    }

    void require(int count, String what) throws IOException {
        if (!ensure(count)) {
            throw new MalformedContainerException("archive ends inside " + what);
        }
    }

    int u16(int at) {
        return (buffer[position + at] & 0xFF) | ((buffer[position + at + 1] & 0xFF) << 8);
    }

    long u32(int at) {
        return (buffer[position + at] & 0xFFL) | ((buffer[position + at + 1] & 0xFFL) << 8)
                | ((buffer[position + at + 2] & 0xFFL) << 16) | ((buffer[position + at + 3] & 0xFFL) << 24);
    }

    long u64(int at) {
        return u32(at) | (u32(at + 4) << 32);
    }

    byte[] copy(int at, int count) {
        byte[] result = new byte[count];
        System.arraycopy(buffer, position + at, result, 0, count);
        return result;
    }

    /** Skips {@code count} bytes or throws when the stream ends first. */
    void skip(long count, String what) throws IOException {
        long left = count;
        while (left > 0) {
            if (!fill()) {
                throw new MalformedContainerException("archive ends inside " + what);
            }
            int step = (int) Math.min(left, available());
            position += step;
            left -= step;
        }
    }
}
