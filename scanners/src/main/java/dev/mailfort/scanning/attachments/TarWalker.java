/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a tar archive (ustar, GNU long names, PAX paths) block by block and hands each regular file to the
 * {@link ContentInspector}. Header checksums are verified: a header that fails is where the archive stops making
 * sense, and everything after it is unseen.
 */
final class TarWalker {

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 64 * 1024;

    private final ContentInspector inspector;
    private final Location archive;
    private final int level;
    private final ArchiveBudget budget;
    private final boolean countCompressed;

    /**
     * @param countCompressed true when the tar itself sits in the MIME part uncompressed, so its bytes are the
     *                        "compressed" side of the overall ratio (a gzip layer counts its own otherwise)
     */
    TarWalker(ContentInspector inspector, Location archive, int level, ArchiveBudget budget, boolean countCompressed) {
        this.inspector = inspector;
        this.archive = archive;
        this.level = level;
        this.budget = budget;
        this.countCompressed = countCompressed;
    }

    void walk(InputStream in) throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] scratch = new byte[8192];
        String pendingName = null;
        while (true) {
            int read = readFully(in, header);
            if (read == 0) {
                return;
            }
            if (read < BLOCK) {
                throw new MalformedContainerException("tar archive ends inside a header");
            }
            if (isZeroBlock(header)) {
                return;
            }
            verifyChecksum(header);
            long size = size(header);
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (countCompressed) {
                budget.addCompressed(BLOCK + padded);
            }
            char type = (char) header[156];
            String name = pendingName != null ? pendingName : headerName(header);
            if (type == 'L' || type == 'x') {
                if (size > MAX_LONG_NAME) {
                    throw new MalformedContainerException("tar long-name header of " + size + " bytes");
                }
                byte[] data = new byte[(int) padded];
                if (readFully(in, data) < padded) {
                    throw new MalformedContainerException("tar archive ends inside a long-name header");
                }
                pendingName = type == 'L' ? cString(data, 0, (int) size) : paxPath(data, (int) size);
                continue;
            }
            pendingName = null;
            budget.countEntry();
            Location entry = archive.child(name);
            BoundedInputStream data = new BoundedInputStream(in, size);
            if (type == '0' || type == '\0' || type == '7') {
                budget.addUncompressed(size);
                inspector.inspectEntry(entry, List.of(name), data, level, budget);
            } else {
                inspector.checkNames(entry, List.of(name));
            }
            data.skipRest(scratch);
            new BoundedInputStream(in, padded - size).skipRest(scratch);
        }
    }

    private static void verifyChecksum(byte[] header) throws MalformedContainerException {
        long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xFF);
        }
        if (expected != sum) {
            throw new MalformedContainerException("tar header checksum mismatch");
        }
    }

    /** Octal, or GNU base-256 when the first byte has its high bit set. */
    private static long size(byte[] header) throws MalformedContainerException {
        if ((header[124] & 0x80) != 0) {
            long value = header[124] & 0x7F;
            for (int i = 125; i < 136; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new MalformedContainerException("tar entry size out of range");
                }
                value = (value << 8) | (header[i] & 0xFF);
            }
            return value;
        }
        long value = octal(header, 124, 12);
        if (value < 0) {
            throw new MalformedContainerException("tar entry size is not a number");
        }
        return value;
    }

    private static long octal(byte[] header, int offset, int length) {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            int b = header[i] & 0xFF;
            if (b == 0 || (b == ' ' && digits)) {
                break;
            }
            if (b == ' ') {
                continue;
            }
            if (b < '0' || b > '7' || value > (Long.MAX_VALUE >> 3)) {
                return -1;
            }
            value = (value << 3) | (b - '0');
            digits = true;
        }
        return value;
    }

    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r';
        if (ustar && header[345] != 0) {
            return cString(header, 345, 155) + "/" + name;
        }
        return name;
    }

    /** The {@code path} record of a PAX extended header ({@code "LEN path=VALUE\n"}). */
    private static String paxPath(byte[] data, int size) {
        String records = new String(data, 0, size, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String cString(byte[] data, int offset, int length) {
        int end = offset;
        while (end < offset + length && data[end] != 0) {
            end++;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
