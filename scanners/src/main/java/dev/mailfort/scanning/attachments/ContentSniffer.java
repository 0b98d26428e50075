/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.nio.charset.StandardCharsets;

/**
 * Tells what bytes really are from their beginning, the way the program that opens them would.
 *
 * <p>Stateless. The caller reads {@link #INITIAL_BYTES} first and only reads on to {@link #FULL_BYTES} when the
 * result is {@link ContentKind#UNKNOWN}: an ISO 9660 or UDF image announces itself at offset 0x8001, after a system
 * area that can hold anything, including a boot sector.
 */
final class ContentSniffer {

    /** Enough for every signature except the disk-image ones. */
    static final int INITIAL_BYTES = 4096;
    /** Up to and including the {@code CD001}/{@code BEA01} volume descriptor identifier at 0x8001. */
    static final int FULL_BYTES = 0x8001 + 5;

    private static final byte[] OLE2 = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
    private static final byte[] LNK = bytes(0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
            0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46);
    private static final byte[] ELF = bytes(0x7F, 'E', 'L', 'F');
    private static final byte[] XZ = bytes(0xFD, '7', 'z', 'X', 'Z', 0x00);
    private static final byte[] SEVEN_ZIP = bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C);
    private static final byte[] RAR = bytes('R', 'a', 'r', '!', 0x1A, 0x07);
    private static final byte[] CAB = bytes('M', 'S', 'C', 'F', 0, 0, 0, 0);
    private static final byte[] PNG = bytes(0x89, 'P', 'N', 'G');
    private static final byte[] UTF8_BOM = bytes(0xEF, 0xBB, 0xBF);
    private static final String[] HTML_OPENINGS = {"<!doctype html", "<html", "<head", "<body", "<script", "<meta",
        "<iframe", "<svg", "<hta:"};
    /** Highest Mach-O universal-binary architecture count; a Java class file has its major version (45+) there. */
    private static final long MAX_FAT_ARCHITECTURES = 44;

    private ContentSniffer() {
    }

    static ContentKind sniff(byte[] data, int length) {
        if (length == 0) {
            return ContentKind.EMPTY;
        }
        ContentKind byMagic = byLeadingMagic(data, length);
        if (byMagic != null) {
            return byMagic;
        }
        if (length >= 262 && startsWith(data, length, 257, ascii("ustar"))) {
            return ContentKind.TAR;
        }
        if (isDiskImage(data, length)) {
            return ContentKind.DISK_IMAGE;
        }
        if (isShebang(data, length)) {
            return ContentKind.SCRIPT;
        }
        if (indexOf(data, Math.min(length, 1024), ascii("%PDF-")) >= 0) {
            return ContentKind.PDF;
        }
        if (looksLikeText(data, length)) {
            return looksLikeHtml(data, length) ? ContentKind.HTML : ContentKind.TEXT;
        }
        return ContentKind.UNKNOWN;
    }

    /** Whether reading on to {@link #FULL_BYTES} could change the answer. */
    static boolean mayNeedMore(ContentKind kind) {
        return kind == ContentKind.UNKNOWN;
    }

    private static ContentKind byLeadingMagic(byte[] d, int n) {
        if (n < 2) {
            return null;
        }
        int b0 = d[0] & 0xFF;
        int b1 = d[1] & 0xFF;
        if (b0 == 'P' && b1 == 'K' && n >= 4) {
            int b2 = d[2] & 0xFF;
            int b3 = d[3] & 0xFF;
            // local file header, empty archive, or the marker some tools put before a split archive's first header
            if ((b2 == 3 && b3 == 4) || (b2 == 5 && b3 == 6) || (b2 == 7 && b3 == 8)) {
                return ContentKind.ZIP;
            }
        }
        if (b0 == 'M' && b1 == 'Z' && isDosOrPeExecutable(d, n)) {
            return ContentKind.PE_EXECUTABLE;
        }
        if (n >= 4 && u32le(d, 0) == TnefWalker.SIGNATURE) {
            return ContentKind.TNEF;
        }
        if (startsWith(d, n, 0, OLE2)) {
            return ContentKind.OLE2;
        }
        if (startsWith(d, n, 0, ELF)) {
            return ContentKind.ELF_EXECUTABLE;
        }
        if (n >= 4) {
            long be = u32be(d, 0);
            if (be == 0xFEEDFACEL || be == 0xFEEDFACFL || be == 0xCEFAEDFEL || be == 0xCFFAEDFEL) {
                return ContentKind.MACH_O_EXECUTABLE;
            }
            if (be == 0xCAFEBABEL || be == 0xCAFEBABFL) {
                if (n < 8) {
                    return ContentKind.MACH_O_EXECUTABLE;
                }
                return u32be(d, 4) <= MAX_FAT_ARCHITECTURES ? ContentKind.MACH_O_EXECUTABLE : ContentKind.JAVA_CLASS;
            }
        }
        if (startsWith(d, n, 0, LNK)) {
            return ContentKind.WINDOWS_SHORTCUT;
        }
        if (startsWith(d, n, 0, ascii("%PDF-"))) {
            return ContentKind.PDF;
        }
        // Word opens anything starting "{\rt" as RTF, which exploit documents rely on ("{\rtx", "{\rt1").
        if (startsWith(d, n, 0, ascii("{\\rt"))) {
            return ContentKind.RTF;
        }
        if (b0 == 0x1F && b1 == 0x8B) {
            return ContentKind.GZIP;
        }
        if (n >= 4 && b0 == 'B' && b1 == 'Z' && d[2] == 'h' && d[3] >= '1' && d[3] <= '9') {
            return ContentKind.BZIP2;
        }
        if (startsWith(d, n, 0, XZ)) {
            return ContentKind.XZ;
        }
        if (startsWith(d, n, 0, RAR)) {
            return ContentKind.RAR;
        }
        if (startsWith(d, n, 0, SEVEN_ZIP)) {
            return ContentKind.SEVEN_ZIP;
        }
        if (startsWith(d, n, 0, CAB)) {
            return ContentKind.CAB;
        }
        if (startsWith(d, n, 0, ascii("ITSF"))) {
            return ContentKind.COMPILED_HELP;
        }
        if (startsWith(d, n, 0, ascii("conectix")) || startsWith(d, n, 0, ascii("vhdxfile"))) {
            return ContentKind.DISK_IMAGE;
        }
        if (isImage(d, n)) {
            return ContentKind.IMAGE;
        }
        return null;
    }

    /**
     * {@code MZ} starts executables, but also the odd text file: a PE header where the DOS header points, or binary
     * (NUL) bytes in the DOS header, decide.
     */
    private static boolean isDosOrPeExecutable(byte[] d, int n) {
        if (n < 0x40) {
            return n >= 2 && containsNul(d, n);
        }
        long peOffset = u32le(d, 0x3C);
        if (peOffset >= 0x40 && peOffset + 4 <= n) {
            if (d[(int) peOffset] == 'P' && d[(int) peOffset + 1] == 'E' && d[(int) peOffset + 2] == 0
                    && d[(int) peOffset + 3] == 0) {
                return true;
            }
        }
        return containsNul(d, 0x40);
    }

    private static boolean isImage(byte[] d, int n) {
        if (startsWith(d, n, 0, PNG) || startsWith(d, n, 0, ascii("GIF8"))) {
            return true;
        }
        if (n >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
            return true;
        }
        if (startsWith(d, n, 0, bytes('I', 'I', '*', 0)) || startsWith(d, n, 0, bytes('M', 'M', 0, '*'))) {
            return true;
        }
        if (startsWith(d, n, 0, ascii("RIFF")) && startsWith(d, n, 8, ascii("WEBP"))) {
            return true;
        }
        return n >= 26 && d[0] == 'B' && d[1] == 'M' && containsNul(d, 26);
    }

    private static boolean isDiskImage(byte[] d, int n) {
        if (n >= FULL_BYTES && (startsWith(d, n, 0x8001, ascii("CD001")) || startsWith(d, n, 0x8001, ascii("BEA01")))) {
            return true;
        }
        // a FAT floppy or USB image: boot jump, boot signature, and the file system name where FAT puts it
        if (n >= 512 && (d[510] & 0xFF) == 0x55 && (d[511] & 0xFF) == 0xAA
                && ((d[0] & 0xFF) == 0xEB || (d[0] & 0xFF) == 0xE9)) {
            return startsWith(d, n, 0x36, ascii("FAT")) || startsWith(d, n, 0x52, ascii("FAT32"))
                    || startsWith(d, n, 3, ascii("NTFS"));
        }
        return false;
    }

    private static boolean isShebang(byte[] d, int n) {
        int i = startsWith(d, n, 0, UTF8_BOM) ? 3 : 0;
        if (i + 2 >= n || d[i] != '#' || d[i + 1] != '!') {
            return false;
        }
        i += 2;
        while (i < n && (d[i] == ' ' || d[i] == '\t')) {
            i++;
        }
        return i < n && d[i] == '/';
    }

    /** No NUL byte and few control characters: what a text editor would open without complaint. */
    private static boolean looksLikeText(byte[] d, int n) {
        if (n >= 2 && (((d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xFE) || ((d[0] & 0xFF) == 0xFE && (d[1] & 0xFF) == 0xFF))) {
            return true;
        }
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int b = d[i] & 0xFF;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                controls++;
            }
        }
        return controls * 20 <= n;
    }

    private static boolean looksLikeHtml(byte[] d, int n) {
        int i = startsWith(d, n, 0, UTF8_BOM) ? 3 : 0;
        while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n' || d[i] == '\f')) {
            i++;
        }
        for (String opening : HTML_OPENINGS) {
            if (startsWithIgnoreCase(d, n, i, opening)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNul(byte[] d, int n) {
        for (int i = 0; i < n; i++) {
            if (d[i] == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean startsWith(byte[] d, int n, int offset, byte[] prefix) {
        if (offset + prefix.length > n) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] d, int n, int offset, String prefix) {
        if (offset + prefix.length() > n) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) (d[offset + i] & 0xFF)) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] d, int n, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (d[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long u32be(byte[] d, int offset) {
        return ((d[offset] & 0xFFL) << 24) | ((d[offset + 1] & 0xFFL) << 16) | ((d[offset + 2] & 0xFFL) << 8)
                | (d[offset + 3] & 0xFFL);
    }

    private static long u32le(byte[] d, int offset) {
        return (d[offset] & 0xFFL) | ((d[offset + 1] & 0xFFL) << 8) | ((d[offset + 2] & 0xFFL) << 16)
                | ((d[offset + 3] & 0xFFL) << 24);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
