/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** The decompressed content of a gzip stream, charged to the bomb guards as it is produced. */
final class GzipContent extends FilterInputStream {

    private final CountingInputStream compressed;
    private final ArchiveBudget budget;
    private final String name;
    private long produced;

    private GzipContent(InputStream inflated, CountingInputStream compressed, ArchiveBudget budget, String name) {
        super(inflated);
        this.compressed = compressed;
        this.budget = budget;
        this.name = name;
    }

    static GzipContent open(InputStream in, ArchiveBudget budget, String name) throws IOException {
        CountingInputStream compressed = new CountingInputStream(in);
        try {
            return new GzipContent(new GZIPInputStream(compressed, 8192), compressed, budget, name);
        } catch (ZipException e) {
            throw new MalformedContainerException("invalid gzip header", e);
        }
    }

    long compressedBytes() {
        return compressed.count();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (ZipException e) {
            throw new MalformedContainerException("corrupt gzip data", e);
        }
        if (n > 0) {
            produced += n;
            budget.addUncompressed(n);
            budget.checkRatio(produced, compressed.count(), name);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
