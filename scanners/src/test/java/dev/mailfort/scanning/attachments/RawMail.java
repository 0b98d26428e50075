/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds raw RFC 5322 messages for the tests, byte for byte, so that broken ones can be built as easily as good
 * ones: a text body plus parts, each with its own header lines and body bytes.
 */
final class RawMail {

    private static final String CRLF = "\r\n";

    private final List<String> headers = new ArrayList<>();
    private final List<Part> parts = new ArrayList<>();
    private String boundary = "=_mailfort_boundary_1";
    private boolean closeBoundary = true;

    /** One body part: its header lines and its already-encoded body. */
    record Part(List<String> headers, byte[] body) {
    }

    static RawMail message() {
        RawMail mail = new RawMail();
        mail.headers.add("From: alice@example.com");
        mail.headers.add("To: bob@example.net");
        mail.headers.add("Subject: test");
        mail.headers.add("Date: Mon, 2 Feb 2026 10:00:00 +0000");
        mail.headers.add("Message-ID: <test@example.com>");
        mail.headers.add("MIME-Version: 1.0");
        return mail;
    }

    RawMail header(String line) {
        headers.add(line);
        return this;
    }

    RawMail boundary(String value) {
        this.boundary = value;
        return this;
    }

    RawMail withoutClosingBoundary() {
        this.closeBoundary = false;
        return this;
    }

    RawMail text(String text) {
        parts.add(new Part(List.of("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"),
                text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    RawMail html(String html) {
        parts.add(new Part(List.of("Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: 8bit"),
                html.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** An attachment with {@code filename} in Content-Disposition and {@code name} in Content-Type, base64. */
    RawMail attachment(String fileName, String contentType, byte[] content) {
        return part(List.of("Content-Type: " + contentType + "; name=\"" + fileName + "\"",
                "Content-Disposition: attachment; filename=\"" + fileName + "\"",
                "Content-Transfer-Encoding: base64"), base64(content));
    }

    RawMail part(List<String> partHeaders, byte[] body) {
        parts.add(new Part(partHeaders, body));
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String header : headers) {
            write(out, header + CRLF);
        }
        write(out, "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"" + CRLF);
        write(out, CRLF);
        write(out, "This is a multi-part message in MIME format." + CRLF);
        for (Part part : parts) {
            write(out, CRLF + "--" + boundary + CRLF);
            for (String header : part.headers()) {
                write(out, header + CRLF);
            }
            write(out, CRLF);
            out.writeBytes(part.body());
        }
        if (closeBoundary) {
            write(out, CRLF + "--" + boundary + "--" + CRLF);
        }
        return out.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    /** Base64 in 76-character lines, as mailers send it. */
    static byte[] base64(byte[] content) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encode(content);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
