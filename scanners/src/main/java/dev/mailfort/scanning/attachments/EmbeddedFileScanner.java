/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds files embedded in a plain-text body as uuencode ({@code begin 644 name}) or yEnc ({@code =ybegin ...
 * name=...}) blocks: several mail clients show those as attachments, so they get the same name checks, and the
 * first decoded uuencode line gets the content check.
 */
final class EmbeddedFileScanner {

    /** One embedded file: its name and, for uuencode, the first bytes of its content. */
    record EmbeddedFile(String name, byte[] head) {
    }

    private static final Pattern UUENCODE_BEGIN = Pattern.compile("^begin(?:-base64)? [0-7]{3,4} (.+?)\\s*$");
    private static final Pattern YENC_BEGIN = Pattern.compile("^=ybegin .*?\\bname=(.+?)\\s*$");
    private static final int MAX_LINE = 1024;
    private static final int MAX_FILES = 100;

    private EmbeddedFileScanner() {
    }

    static List<EmbeddedFile> scan(InputStream in) throws IOException {
        List<EmbeddedFile> files = new ArrayList<>();
        byte[] buffer = new byte[16 * 1024];
        byte[] line = new byte[MAX_LINE];
        int lineLength = 0;
        boolean lineTooLong = false;
        boolean skipping = false;
        String pendingUuencodeName = null;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (skipping) {
                    int next = indexOf(buffer, i, n, (byte) '\n');
                    if (next < 0) {
                        break;
                    }
                    i = next;
                    skipping = false;
                    continue;
                }
                byte b = buffer[i];
                if (b == '\n') {
                    if (!lineTooLong) {
                        String text = new String(line, 0, trimCr(line, lineLength), StandardCharsets.ISO_8859_1);
                        if (pendingUuencodeName != null) {
                            files.add(new EmbeddedFile(pendingUuencodeName, uudecodeLine(text)));
                            pendingUuencodeName = null;
                        } else if (files.size() < MAX_FILES) {
                            pendingUuencodeName = beginLine(text, files);
                        }
                    }
                    lineLength = 0;
                    lineTooLong = false;
                } else if (lineLength == 0 && pendingUuencodeName == null && b != 'b' && b != '=') {
                    // most lines cannot start a block: jump to the next line break without copying
                    skipping = true;
                } else if (lineLength < MAX_LINE) {
                    line[lineLength++] = b;
                } else {
                    lineTooLong = true;
                }
            }
        }
        if (!skipping && !lineTooLong && lineLength > 0 && pendingUuencodeName == null) {
            beginLine(new String(line, 0, trimCr(line, lineLength), StandardCharsets.ISO_8859_1), files);
        }
        if (pendingUuencodeName != null) {
            files.add(new EmbeddedFile(pendingUuencodeName, new byte[0]));
        }
        return files;
    }

    /** Returns the name of a uuencode block to read the first line of; records yEnc files directly. */
    private static String beginLine(String text, List<EmbeddedFile> files) {
        if (text.startsWith("begin")) {
            Matcher uu = UUENCODE_BEGIN.matcher(text);
            if (uu.matches()) {
                return MimeFileNames.reinterpretAsUtf8(uu.group(1));
            }
        } else if (text.startsWith("=ybegin")) {
            Matcher yenc = YENC_BEGIN.matcher(text);
            if (yenc.matches()) {
                files.add(new EmbeddedFile(MimeFileNames.reinterpretAsUtf8(yenc.group(1)), new byte[0]));
            }
        }
        return null;
    }

    /** Decodes one uuencoded line: a length character, then four characters per three bytes. */
    private static byte[] uudecodeLine(String text) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        int length = (text.charAt(0) - 32) & 63;
        byte[] out = new byte[length];
        int produced = 0;
        for (int i = 1; i + 3 < text.length() && produced < length; i += 4) {
            int c0 = (text.charAt(i) - 32) & 63;
            int c1 = (text.charAt(i + 1) - 32) & 63;
            int c2 = (text.charAt(i + 2) - 32) & 63;
            int c3 = (text.charAt(i + 3) - 32) & 63;
            int[] bytes = {(c0 << 2) | (c1 >> 4), ((c1 & 15) << 4) | (c2 >> 2), ((c2 & 3) << 6) | c3};
            for (int j = 0; j < 3 && produced < length; j++) {
                out[produced++] = (byte) bytes[j];
            }
        }
        return produced == length ? out : Arrays.copyOf(out, produced);
    }

    private static int trimCr(byte[] line, int length) {
        return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    }

    private static int indexOf(byte[] buffer, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
