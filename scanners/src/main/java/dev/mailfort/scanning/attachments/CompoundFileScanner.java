/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finds VBA projects and encrypted packages in an OLE2 compound file (legacy Office, Outlook {@code .msg}) while
 * streaming it once, in constant memory.
 *
 * <p>A compound file's directory is a chain of sectors in any order; following it needs the allocation table,
 * which may sit after the directory, so a streaming reader cannot walk it without buffering the file. Instead this
 * reads every 128-byte slot of the file as a possible directory entry. The format puts sectors at multiples of
 * 512 or 4096 bytes and directory entries at multiples of 128 inside them, so every real entry is among the slots
 * seen: no layout hides one. The price is that entries of compound files embedded as streams (an OLE object with
 * macros inside a document) are seen too, which is wanted. The header is checked, with bounds, so that a file that
 * only borrows the signature is reported as malformed.
 */
final class CompoundFileScanner {

    /** What the scan saw. */
    record Result(boolean vbaProject, boolean encryptedPackage, String malformed) {
    }

    private static final int HEADER_SIZE = 512;
    private static final int SLOT = 128;
    private static final int NAME_LENGTH_AT = 64;
    private static final int TYPE_AT = 66;
    private static final int STORAGE = 1;
    private static final int STREAM = 2;
    private static final int CHUNK = 64 * 1024;

    private CompoundFileScanner() {
    }

    static Result scan(InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int read = readFully(in, buffer, HEADER_SIZE);
        if (read < HEADER_SIZE) {
            return new Result(false, false, "compound file shorter than its 512-byte header");
        }
        String malformed = checkHeader(buffer);
        boolean vba = false;
        boolean encrypted = false;
        while (true) {
            int length = readFully(in, buffer, CHUNK);
            int slots = length / SLOT;
            for (int s = 0; s < slots; s++) {
                int base = s * SLOT;
                int nameBytes = u16(buffer, base + NAME_LENGTH_AT);
                int type = buffer[base + TYPE_AT];
                if (type == STORAGE) {
                    vba |= nameIs(buffer, base, nameBytes, "VBA") || nameIs(buffer, base, nameBytes, "_VBA_PROJECT_CUR");
                } else if (type == STREAM) {
                    vba |= nameIs(buffer, base, nameBytes, "_VBA_PROJECT");
                    encrypted |= nameIs(buffer, base, nameBytes, "EncryptedPackage");
                }
            }
            if (length < CHUNK) {
                return new Result(vba, encrypted, malformed);
            }
        }
    }

    /** Null when the header is one Office would open; otherwise what is wrong with it. */
    private static String checkHeader(byte[] header) {
        if (u16(header, 0x1C) != 0xFFFE) {
            return "compound file with an invalid byte-order mark";
        }
        int majorVersion = u16(header, 0x1A);
        int sectorShift = u16(header, 0x1E);
        if (!((majorVersion == 3 && sectorShift == 9) || (majorVersion == 4 && sectorShift == 12))) {
            return "compound file with version " + majorVersion + " and sector shift " + sectorShift;
        }
        if (u16(header, 0x20) != 6) {
            return "compound file with an invalid mini sector shift";
        }
        return null;
    }

    /** Directory entry names are UTF-16LE, NUL-terminated, compared case-insensitively as the format says. */
    private static boolean nameIs(byte[] buffer, int base, int nameBytes, String expected) {
        if (nameBytes != (expected.length() + 1) * 2) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            int c = u16(buffer, base + i * 2);
            if (Character.toUpperCase((char) c) != Character.toUpperCase(expected.charAt(i))) {
                return false;
            }
        }
        return u16(buffer, base + expected.length() * 2) == 0;
    }

    private static int u16(byte[] buffer, int at) {
        return (buffer[at] & 0xFF) | ((buffer[at + 1] & 0xFF) << 8);
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
