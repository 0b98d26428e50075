/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.mailfort.testing.clamav.Eicar;

/**
 * The MIME part of a test mail that carries one attached file: what follows the mail's own header fields
 * (From, To, Subject, Date, Message-ID), from {@code MIME-Version} to the closing boundary, with LF line ends.
 */
public final class AttachedFile {
    private AttachedFile() {
    }

    /** A short text, then the file, base64-encoded under {@code fileName} and {@code contentType}. */
    public static String mimePart(String text, String contentType, String fileName, byte[] content) {
        String base64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content);
        return "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"part-boundary\"\n"
            + "\n"
            + "--part-boundary\n"
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "\n"
            + text + "\n"
            + "--part-boundary\n"
            + "Content-Type: " + contentType + "; name=\"" + fileName + "\"\n"
            + "Content-Disposition: attachment; filename=\"" + fileName + "\"\n"
            + "Content-Transfer-Encoding: base64\n"
            + "\n"
            + base64 + "\n"
            + "--part-boundary--\n";
    }

    /** The EICAR test file as an innocent-looking text attachment, which only clamd can tell apart. */
    public static String eicar(String text) {
        return mimePart(text, "text/plain", "readme.txt", Eicar.bytes());
    }
}
