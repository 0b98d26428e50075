/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;

/**
 * Reads a zip archive front to back, as it streams by, and hands each entry's content to the
 * {@link ContentInspector}.
 *
 * <p>Written on {@link Inflater} rather than {@code ZipInputStream}, which refuses encrypted entries without saying
 * which, inflates every entry just to skip it, and never reads the central directory. Archive tools such as
 * Windows Explorer and 7-Zip list what the central directory says, so after the entries the directory is read too:
 * a name there that no local header carried (content hidden inside another entry) or that differs from its local
 * header means the archive shows people something this walk did not inspect.
 */
final class ZipWalker {

    private static final long LOCAL_HEADER = 0x04034b50L;
    private static final long CENTRAL_HEADER = 0x02014b50L;
    private static final long END_OF_DIRECTORY = 0x06054b50L;
    private static final long ZIP64_END_OF_DIRECTORY = 0x06064b50L;
    private static final long DATA_DESCRIPTOR = 0x08074b50L;
    private static final long UNKNOWN_32 = 0xFFFFFFFFL;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int UNICODE_PATH_EXTRA = 0x7075;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DATA_DESCRIPTOR = 1 << 3;
    private static final int FLAG_STRONG_ENCRYPTION = 1 << 6;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int METHOD_AES = 99;
    private static final Charset DOS_CHARSET = dosCharset();

    private final ContentInspector inspector;
    private final Location archive;
    private final int level;
    private final ArchiveBudget budget;
    private final Map<Long, byte[]> localNames = new HashMap<>();

    /** Sizes and names from one header's extra field. */
    private static final class Extra {
        long uncompressedSize;
        long compressedSize;
        long offset;
        boolean zip64;
        String unicodeName;
    }

    ZipWalker(ContentInspector inspector, Location archive, int level, ArchiveBudget budget) {
        this.inspector = inspector;
        this.archive = archive;
        this.level = level;
        this.budget = budget;
    }

    void walk(InputStream in) throws IOException {
        ZipInput zip = new ZipInput(in);
        Inflater inflater = new Inflater(true);
        try {
            boolean first = true;
            while (true) {
                if (!zip.ensure(4)) {
                    throw new MalformedContainerException(first ? "empty zip archive"
                            : "zip archive ends before its central directory");
                }
                long signature = zip.u32(0);
                if (signature == LOCAL_HEADER) {
                    readEntry(zip, inflater);
                } else if (signature == CENTRAL_HEADER) {
                    readCentralDirectory(zip);
                    return;
                } else if (signature == END_OF_DIRECTORY || signature == ZIP64_END_OF_DIRECTORY) {
                    return;
                } else if (signature == DATA_DESCRIPTOR && first) {
                    zip.advance(4);
                } else {
                    throw new MalformedContainerException("unexpected bytes where a zip header should start, at offset "
                            + zip.offset());
                }
                first = false;
            }
        } finally {
            inflater.end();
        }
    }

    private void readEntry(ZipInput zip, Inflater inflater) throws IOException {
        zip.require(30, "a local file header");
        long headerOffset = zip.offset();
        int flags = zip.u16(6);
        int method = zip.u16(8);
        long compressedSize = zip.u32(18);
        long uncompressedSize = zip.u32(22);
        int nameLength = zip.u16(26);
        int extraLength = zip.u16(28);
        zip.advance(30);
        zip.require(nameLength + extraLength, "a local file header");
        byte[] rawName = zip.copy(0, nameLength);
        Extra extra = parseExtra(zip, nameLength, extraLength, uncompressedSize, compressedSize, 0);
        zip.advance(nameLength + extraLength);
        if (extra.compressedSize < 0 || extra.uncompressedSize < 0) {
            throw new MalformedContainerException("zip64 entry size out of range");
        }

        budget.countEntry();
        localNames.put(headerOffset, rawName);
        String name = decodeName(rawName, flags);
        Location entry = archive.child(name);
        List<String> names = extra.unicodeName == null || extra.unicodeName.equals(name)
                ? List.of(name) : List.of(name, extra.unicodeName);
        boolean descriptor = (flags & FLAG_DATA_DESCRIPTOR) != 0;
        // with a data descriptor the local sizes are placeholders; the end is found by inflating
        long knownCompressed = descriptor ? -1 : extra.compressedSize;

        if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) != 0 || method == METHOD_AES) {
            inspector.report(entry, FindingReason.ENCRYPTED, "encrypted archive entry");
            inspector.checkNames(entry, names);
            skipUninflated(zip, knownCompressed, extra.uncompressedSize, "encrypted entry " + name);
            return;
        }
        if (method != ZipEntryData.STORED && method != ZipEntryData.DEFLATED) {
            inspector.report(entry, FindingReason.UNINSPECTABLE, "compression method " + method + " not supported");
            inspector.checkNames(entry, names);
            skipUninflated(zip, knownCompressed, extra.uncompressedSize, "entry " + name);
            return;
        }
        if (method == ZipEntryData.STORED && descriptor) {
            inspector.checkNames(entry, names);
            throw new MalformedContainerException("stored entry " + name + " with a data descriptor: its end is unknown");
        }
        if (level == 1 && knownCompressed >= 0) {
            budget.addCompressed(knownCompressed);
        }
        ZipEntryData data = new ZipEntryData(zip, inflater, method, knownCompressed, extra.uncompressedSize, budget,
                name);
        inspector.inspectEntry(entry, names, data, level, budget);
        long compressed = data.finish();
        if (level == 1 && knownCompressed < 0) {
            budget.addCompressed(compressed);
        }
        budget.checkTotalRatio();
        if (descriptor) {
            skipDataDescriptor(zip, extra.zip64);
        }
    }

    private void skipUninflated(ZipInput zip, long knownCompressed, long uncompressedSize, String what)
            throws IOException {
        if (knownCompressed < 0) {
            throw new MalformedContainerException("the end of " + what + " cannot be found without reading it");
        }
        if (level == 1) {
            budget.addCompressed(knownCompressed);
        }
        budget.addUncompressed(uncompressedSize);
        zip.skip(knownCompressed, what);
    }

    /**
     * The descriptor's signature is optional and its sizes are 4 or 8 bytes: the reading that lands on the next
     * header wins.
     */
    private void skipDataDescriptor(ZipInput zip, boolean zip64) throws IOException {
        zip.ensure(28);
        int start = zip.available() >= 4 && zip.u32(0) == DATA_DESCRIPTOR ? 4 : 0;
        int narrow = start + 12;
        int wide = start + 20;
        int preferred = zip64 ? wide : narrow;
        int other = zip64 ? narrow : wide;
        if (!startsHeader(zip, preferred) && startsHeader(zip, other)) {
            preferred = other;
        }
        zip.require(preferred, "a data descriptor");
        zip.advance(preferred);
    }

    private static boolean startsHeader(ZipInput zip, int at) {
        if (zip.available() < at + 4) {
            return false;
        }
        long signature = zip.u32(at);
        return signature == LOCAL_HEADER || signature == CENTRAL_HEADER || signature == END_OF_DIRECTORY
                || signature == ZIP64_END_OF_DIRECTORY;
    }

    private void readCentralDirectory(ZipInput zip) throws IOException {
        while (zip.ensure(4) && zip.u32(0) == CENTRAL_HEADER) {
            zip.require(46, "a central directory header");
            int flags = zip.u16(8);
            long compressedSize = zip.u32(20);
            long uncompressedSize = zip.u32(24);
            int nameLength = zip.u16(28);
            int extraLength = zip.u16(30);
            int commentLength = zip.u16(32);
            long offset = zip.u32(42);
            zip.advance(46);
            zip.require(nameLength + extraLength + commentLength, "a central directory header");
            byte[] rawName = zip.copy(0, nameLength);
            Extra extra = parseExtra(zip, nameLength, extraLength, uncompressedSize, compressedSize, offset);
            zip.advance(nameLength + extraLength + commentLength);

            String name = decodeName(rawName, flags);
            Location entry = archive.child(name);
            List<String> names = extra.unicodeName == null ? List.of(name) : List.of(name, extra.unicodeName);
            byte[] localName = localNames.get(extra.offset);
            if (localName == null) {
                budget.countEntry();
                inspector.report(entry, FindingReason.UNINSPECTABLE,
                        "listed in the zip directory but not where its local header should be");
                inspector.checkNames(entry, names);
            } else if (!Arrays.equals(localName, rawName)) {
                inspector.report(entry, FindingReason.UNINSPECTABLE,
                        "zip directory name differs from the local header's \"" + decodeName(localName, flags) + '"');
                inspector.checkNames(entry, names);
            }
            if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) != 0) {
                inspector.report(entry, FindingReason.ENCRYPTED, "encrypted archive entry");
            }
        }
    }

    /**
     * Reads the zip64 sizes and the Info-ZIP Unicode path from an extra field that starts {@code nameLength} bytes
     * into the buffer. Bounds are checked on every block: a block running past the field ends the parse.
     */
    private static Extra parseExtra(ZipInput zip, int nameLength, int extraLength, long uncompressedSize,
                                    long compressedSize, long offset) {
        Extra extra = new Extra();
        extra.uncompressedSize = uncompressedSize;
        extra.compressedSize = compressedSize;
        extra.offset = offset;
        int at = nameLength;
        int end = nameLength + extraLength;
        while (at + 4 <= end) {
            int id = zip.u16(at);
            int size = zip.u16(at + 2);
            int data = at + 4;
            if (data + size > end) {
                break;
            }
            if (id == ZIP64_EXTRA) {
                extra.zip64 = true;
                int field = data;
                if (uncompressedSize == UNKNOWN_32 && field + 8 <= data + size) {
                    extra.uncompressedSize = zip.u64(field);
                    field += 8;
                }
                if (compressedSize == UNKNOWN_32 && field + 8 <= data + size) {
                    extra.compressedSize = zip.u64(field);
                    field += 8;
                }
                if (offset == UNKNOWN_32 && field + 8 <= data + size) {
                    extra.offset = zip.u64(field);
                }
            } else if (id == UNICODE_PATH_EXTRA && size > 5) {
                extra.unicodeName = new String(zip.copy(data + 5, size - 5), StandardCharsets.UTF_8);
            }
            at = data + size;
        }
        return extra;
    }

    private static String decodeName(byte[] rawName, int flags) {
        return new String(rawName, (flags & FLAG_UTF8) != 0 ? StandardCharsets.UTF_8 : DOS_CHARSET);
    }

    private static Charset dosCharset() {
        try {
            return Charset.forName("IBM437");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
