/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import dev.mailfort.scanning.clamav.ClamAVVerdict.UnavailableReason;

/**
 * Turns clamd's reply to INSTREAM into a verdict. Anything this class does not recognise is a protocol error,
 * never clean: only the exact {@code stream: OK} is.
 */
final class ClamdReply {
    private static final String STREAM_PREFIX = "stream: ";
    private static final String FOUND_SUFFIX = " FOUND";
    private static final String ERROR_SUFFIX = " ERROR";
    private static final String SIZE_LIMIT_EXCEEDED = "INSTREAM size limit exceeded.";
    /** Enough for any reply clamd sends to INSTREAM; more is garbage, and must not be buffered without limit. */
    static final int MAX_LENGTH = 1024;

    private ClamdReply() {
    }

    static ClamAVVerdict parse(String reply) {
        String text = reply.strip();
        if (text.equals(STREAM_PREFIX + "OK")) {
            return ClamAVVerdict.clean();
        }
        if (text.startsWith(STREAM_PREFIX) && text.endsWith(FOUND_SUFFIX)) {
            String signature = text.substring(STREAM_PREFIX.length(), text.length() - FOUND_SUFFIX.length()).strip();
            if (!signature.isEmpty() && signature.chars().noneMatch(Character::isISOControl)) {
                return ClamAVVerdict.infected(signature);
            }
        }
        if (text.startsWith(SIZE_LIMIT_EXCEEDED)) {
            return ClamAVVerdict.tooLarge("larger than clamd's StreamMaxLength");
        }
        if (text.endsWith(ERROR_SUFFIX)) {
            return ClamAVVerdict.unavailable(UnavailableReason.CLAMD_ERROR, "clamd replied: " + printable(text));
        }
        return ClamAVVerdict.unavailable(UnavailableReason.PROTOCOL_ERROR, "unexpected reply: " + printable(text));
    }

    /** Garbage goes into logs: keep it short and on one line. */
    static String printable(String text) {
        StringBuilder result = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                result.appendCodePoint(c);
            } else {
                result.append(String.format("\\x%02x", c & 0xff));
            }
        });
        return text.length() > 200 ? result + "..." : result.toString();
    }
}
