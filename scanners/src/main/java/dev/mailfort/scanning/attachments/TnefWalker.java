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
 * Reads the attachments out of a TNEF stream ({@code winmail.dat}, {@code application/ms-tnef}), which Outlook,
 * Exchange and Apple Mail unpack and show as ordinary attachments: each attachment's title is checked as a file
 * name and its data handed to the {@link ContentInspector} as an archive entry.
 *
 * <p>The stream is a signature, a key, then attributes (level, id, length, data, checksum). Only the attachment
 * title and data attributes are read; the rest is skipped by length. A length that runs past the stream ends the
 * walk as malformed.
 */
final class TnefWalker {

    static final long SIGNATURE = 0x223E9F78L;
    private static final long ATTACHMENT_START = 0x00069002L;
    private static final long ATTACHMENT_TITLE = 0x00018010L;
    private static final long ATTACHMENT_DATA = 0x0006800FL;
    private static final int MAX_TITLE = 4096;

    private final ContentInspector inspector;
    private final Location container;
    private final int level;
    private final ArchiveBudget budget;

    TnefWalker(ContentInspector inspector, Location container, int level, ArchiveBudget budget) {
        this.inspector = inspector;
        this.container = container;
        this.level = level;
        this.budget = budget;
    }

    void walk(InputStream in) throws IOException {
        byte[] header = new byte[9];
        byte[] scratch = new byte[8192];
        if (readFully(in, header, 6) < 6 || u32(header, 0) != SIGNATURE) {
            throw new MalformedContainerException("invalid TNEF signature");
        }
        String title = null;
        int attachments = 0;
        while (true) {
            int read = readFully(in, header, 9);
            if (read == 0) {
                return;
            }
            if (read < 9) {
                throw new MalformedContainerException("TNEF stream ends inside an attribute header");
            }
            long id = u32(header, 1);
            long length = u32(header, 5);
            BoundedInputStream data = new BoundedInputStream(in, length);
            if (id == ATTACHMENT_START) {
                title = null;
                attachments++;
            } else if (id == ATTACHMENT_TITLE && length <= MAX_TITLE) {
                byte[] raw = new byte[(int) length];
                if (readFully(data, raw, raw.length) < raw.length) {
                    throw new MalformedContainerException("TNEF stream ends inside an attachment title");
                }
                title = cString(raw);
                inspector.checkNames(container.child(title), List.of(title));
            } else if (id == ATTACHMENT_DATA) {
                budget.countEntry();
                budget.addUncompressed(length);
                String name = title != null && !title.isEmpty() ? title : "attachment " + Math.max(1, attachments);
                inspector.inspectEntry(container.child(name), List.of(name), data, level, budget);
            }
            data.skipRest(scratch);
            new BoundedInputStream(in, 2).skipRest(scratch);
        }
    }

    /** Titles are 8-bit strings in the sender's code page; UTF-8 is tried first since modern Outlook writes it. */
    private static String cString(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return MimeFileNames.reinterpretAsUtf8(new String(raw, 0, end, StandardCharsets.ISO_8859_1));
    }

    private static long u32(byte[] data, int at) {
        return (data[at] & 0xFFL) | ((data[at + 1] & 0xFFL) << 8) | ((data[at + 2] & 0xFFL) << 16)
                | ((data[at + 3] & 0xFFL) << 24);
    }

    private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buffer, total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
