/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The uncompressed bytes of one zip entry, read straight from the archive stream, counted against the bomb guards
 * as they are produced.
 *
 * <p>{@link #finish()} moves the archive stream to the end of the entry the cheapest way: when the local header gave
 * the compressed size it skips the remaining compressed bytes without inflating them; otherwise (sizes in a data
 * descriptor) the end is only known by inflating to the end of the deflate stream.
 */
final class ZipEntryData extends InputStream {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private final ZipInput input;
    private final Inflater inflater;
    private final int method;
    /** -1 when the local header does not know (data descriptor follows). */
    private final long compressedSize;
    private final ArchiveBudget budget;
    private final String name;
    private long compressedTaken;
    private long produced;
    private long counted;
    private boolean ended;
    private final byte[] one = new byte[1];

    ZipEntryData(ZipInput input, Inflater inflater, int method, long compressedSize, long declaredSize,
                 ArchiveBudget budget, String name) {
        this.input = input;
        this.inflater = inflater;
        this.method = method;
        this.compressedSize = compressedSize;
        long declared = Math.max(0, declaredSize);
        this.budget = budget;
        this.name = name;
        // sizes the header admits to are charged up front: the entry may never be inflated, but a user extracting it
        // would still get them
        this.counted = compressedSize >= 0 ? declared : 0;
        if (compressedSize >= 0) {
            budget.addUncompressed(declared);
            budget.checkRatio(declared, compressedSize, name);
        }
        inflater.reset();
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] destination, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        int n = method == STORED ? readStored(destination, offset, length) : readDeflated(destination, offset, length);
        if (n > 0) {
            charge(n);
        }
        return n;
    }

    private int readStored(byte[] destination, int offset, int length) throws IOException {
        long left = compressedSize - compressedTaken;
        if (left <= 0) {
            ended = true;
            return -1;
        }
        if (!input.fill()) {
            throw new MalformedContainerException("archive ends inside entry " + name);
        }
        int count = (int) Math.min(Math.min(length, left), input.available());
        System.arraycopy(input.buffer(), input.position(), destination, offset, count);
        input.advance(count);
        compressedTaken += count;
        return count;
    }

    private int readDeflated(byte[] destination, int offset, int length) throws IOException {
        try {
            while (true) {
                int n = inflater.inflate(destination, offset, length);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished()) {
                    endOfDeflateStream();
                    return -1;
                }
                if (inflater.needsDictionary()) {
                    throw new MalformedContainerException("deflate stream needs a preset dictionary in " + name);
                }
                if (inflater.needsInput()) {
                    feed();
                }
            }
        } catch (DataFormatException e) {
            throw new MalformedContainerException("corrupt deflate data in " + name, e);
        }
    }

    private void feed() throws IOException {
        long allowed = compressedSize >= 0 ? compressedSize - compressedTaken : Long.MAX_VALUE;
        if (allowed <= 0) {
            throw new MalformedContainerException("deflate data of " + name + " runs past its compressed size");
        }
        if (!input.fill()) {
            throw new MalformedContainerException("archive ends inside entry " + name);
        }
        int count = (int) Math.min(allowed, input.available());
        inflater.setInput(input.buffer(), input.position(), count);
        input.advance(count);
        compressedTaken += count;
    }

    private void endOfDeflateStream() {
        int unused = inflater.getRemaining();
        input.unread(unused);
        compressedTaken -= unused;
        ended = true;
    }

    private void charge(int count) {
        produced += count;
        if (produced > counted) {
            budget.addUncompressed(produced - counted);
            counted = produced;
        }
        budget.checkRatio(produced, compressedTaken, name);
    }

    /** Moves the archive stream to the first byte after this entry's data; returns the compressed size. */
    long finish() throws IOException {
        if (!ended && compressedSize < 0) {
            // only the end of the deflate stream tells where the entry ends: inflate on, still under the guards
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
        if (!ended && method == DEFLATED) {
            int unused = inflater.getRemaining();
            input.unread(unused);
            compressedTaken -= unused;
        }
        ended = true;
        if (compressedSize >= 0 && compressedTaken < compressedSize) {
            input.skip(compressedSize - compressedTaken, "entry " + name);
            compressedTaken = compressedSize;
        }
        return compressedTaken;
    }
}
