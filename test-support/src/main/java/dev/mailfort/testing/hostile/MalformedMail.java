/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A corpus of malformed messages (issue 7, item 4), each as the exact bytes a client would send in DATA before
 * dot-stuffing, lines ending with CRLF unless the defect is the line ending itself.
 *
 * <p>Apart from their defect the messages carry the header fields a well-behaved sender writes (Date, From, To,
 * Subject, Message-ID), so that a refusal, if any, is about the defect and not about a missing field.
 */
public final class MalformedMail {
    /** One message of the corpus: a name for transcripts and failure messages, and its bytes. */
    public record Sample(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name + " (" + bytes.length + " bytes)";
        }
    }

    private final String from;
    private final String to;

    /** Messages from {@code from} to {@code to} (addresses without brackets). */
    public MalformedMail(String from, String to) {
        this.from = from;
        this.to = to;
    }

    /** Every sample of the corpus. */
    public List<Sample> all() {
        return List.of(noHeaders(), longHeaderLine(100_000), longBodyLine(100_000), nulBytes(), brokenBoundaries(),
            deepNesting(1000), invalidBase64(), invalidQuotedPrintable(), eightBitHeaders(), bareCarriageReturns(),
            manyParts(5000));
    }

    /** Body text only: no header field, no separating empty line. */
    public Sample noHeaders() {
        return new Sample("no headers", ascii("This message has no header section at all.\r\nSecond line.\r\n"));
    }

    /** A single header field of {@code length} octets on one line (RFC 5322 section 2.1.1 says 998 at most). */
    public Sample longHeaderLine(int length) {
        String field = "X-Long: " + "h".repeat(length - 8);
        return new Sample(length + "-octet header line", ascii(headers("long header line") + field + "\r\n\r\nbody\r\n"));
    }

    /** A body line of {@code length} octets. */
    public Sample longBodyLine(int length) {
        return new Sample(length + "-octet body line",
            ascii(headers("long body line") + "\r\n" + "b".repeat(length) + "\r\nlast line\r\n"));
    }

    /** NUL bytes in a header value and in the body. */
    public Sample nulBytes() {
        return new Sample("NUL bytes", ascii(headers("nul \0 bytes") + "\r\nbefore\0after\r\n\0\0\0\r\n"));
    }

    /** multipart/mixed whose parts use another boundary than the declared one, and no closing delimiter. */
    public Sample brokenBoundaries() {
        return new Sample("broken MIME boundaries", ascii(headers("broken boundaries")
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"declared\"\r\n\r\n"
            + "--other\r\nContent-Type: text/plain\r\n\r\npart one\r\n"
            + "--declared-but-longer\r\nContent-Type: text/plain\r\n\r\npart two\r\n"
            + "--declared\r\nContent-Type: multipart/alternative; boundary=\"\"\r\n\r\n--\r\n"));
    }

    /** {@code depth} multipart/mixed containers, each inside the previous one. */
    public Sample deepNesting(int depth) {
        StringBuilder text = new StringBuilder(headers(depth + " nested multiparts")).append("MIME-Version: 1.0\r\n");
        for (int level = 0; level < depth; level++) {
            text.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n")
                .append("--b").append(level).append("\r\n");
        }
        text.append("Content-Type: text/plain\r\n\r\ninnermost\r\n");
        for (int level = depth - 1; level >= 0; level--) {
            text.append("--b").append(level).append("--\r\n");
        }
        return new Sample(depth + "-level multipart nesting", ascii(text.toString()));
    }

    public Sample invalidBase64() {
        return new Sample("invalid base64", ascii(headers("invalid base64")
            + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "!!!!not*base64@@@@\r\nQUJD=RE=F\r\n====\r\nA\r\n"));
    }

    public Sample invalidQuotedPrintable() {
        return new Sample("invalid quoted-printable", ascii(headers("invalid qp")
            + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "bad escape =ZZ and =4\r\nsoft break at end =\r\n=\r\n"));
    }

    /** Raw 8-bit octets (Latin-1 and invalid UTF-8) in header values, without RFC 2047 encoding. */
    public Sample eightBitHeaders() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ascii(headers("8-bit header")));
        bytes.writeBytes(ascii("X-Latin1: caf"));
        bytes.writeBytes(new byte[] {(byte) 0xE9, (byte) 0xFF, (byte) 0xC3, (byte) 0x28, '\r', '\n'});
        bytes.writeBytes(ascii("\r\nbody\r\n"));
        return new Sample("8-bit headers", bytes.toByteArray());
    }

    /** Bare CR inside header and body lines (a bare CR before a dot line too: "\r.\r\n" must not end DATA). */
    public Sample bareCarriageReturns() {
        return new Sample("bare CR", ascii(headers("bare \r cr") + "\r\nline one\rstill line one\r\n\r.\r\nend\r\n"));
    }

    /** multipart/mixed with {@code count} small parts. */
    public Sample manyParts(int count) {
        StringBuilder text = new StringBuilder(headers(count + " parts"))
            .append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int part = 0; part < count; part++) {
            text.append("--p\r\nContent-Type: text/plain\r\n\r\npart ").append(part).append("\r\n");
        }
        text.append("--p--\r\n");
        return new Sample(count + " MIME parts", ascii(text.toString()));
    }

    private String headers(String subject) {
        return "Date: Mon, 2 Mar 2026 10:15:00 +0100\r\n"
            + "From: Hostile Tester <" + from + ">\r\n"
            + "To: <" + to + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + Long.toHexString(System.nanoTime()) + "." + Math.abs(subject.hashCode()) + "@"
            + from.substring(from.indexOf('@') + 1) + ">\r\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
