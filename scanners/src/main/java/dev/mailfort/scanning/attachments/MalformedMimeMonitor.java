/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import org.apache.james.mime4j.codec.DecodeMonitor;

/**
 * Hears what the lenient MIME parser forgives (a body part without its closing boundary, header lines without a
 * colon, stray bytes in base64) and records it as {@link FindingReason#MALFORMED_MIME} on the part being read.
 * Parsing always goes on. Quoted-printable quibbles (bare LF, stray blanks) are too common in honest mail to report.
 */
final class MalformedMimeMonitor extends DecodeMonitor {

    private final Findings findings;
    private Location current = Location.message();

    MalformedMimeMonitor(Findings findings) {
        this.findings = findings;
    }

    void at(Location location) {
        this.current = location;
    }

    @Override
    public boolean isListening() {
        return true;
    }

    @Override
    public boolean warn(String error, String dropDesc) {
        String detail = normalise(error);
        if (detail != null) {
            findings.add(current.partPath(), current.fileName(), "", FindingReason.MALFORMED_MIME, detail);
        }
        return false;
    }

    private static String normalise(String error) {
        if (error == null) {
            return null;
        }
        String text = error.replaceFirst("^Line \\d+: ", "");
        if (text.startsWith("Body part ended prematurely")) {
            return "multipart body ends without its closing boundary";
        }
        if (text.startsWith("Unexpected end of headers")) {
            return "headers end without a blank line";
        }
        if (text.startsWith("Invalid header")) {
            return "invalid header line";
        }
        if (text.startsWith("Unexpected base64 byte") || text.startsWith("Unexpected padding")) {
            return "invalid characters in base64 data";
        }
        if (text.startsWith("Unexpected end of BASE64")) {
            return "base64 data ends mid-group (truncated)";
        }
        return null;
    }
}
