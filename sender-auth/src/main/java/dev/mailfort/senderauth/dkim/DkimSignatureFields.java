/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

/**
 * Whether a raw message's header has a DKIM-Signature field, found by scanning its bytes. Most mail is not signed,
 * and parsing the whole message to learn so cost about 4 % of the server's CPU under load (issue 8, JFR of the
 * 4 KiB / 20 sessions run); {@link DkimChecker} parses only messages for which this answers true, and only checks
 * that the others' header section can be read.
 */
final class DkimSignatureFields {
    private static final byte[] NAME = "dkim-signature".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private DkimSignatureFields() {
    }

    /**
     * @param message the raw message, CRLF or LF line ends
     * @return true when a header line (not a continuation) names the field DKIM-Signature, in any letter case, with
     *     optional white space before its colon; the header ends at the first empty line
     */
    static boolean present(byte[] message) {
        int lineStart = 0;
        while (lineStart < message.length) {
            if (isEndOfLine(message, lineStart)) {
                return false;
            }
            if (namesDkimSignature(message, lineStart)) {
                return true;
            }
            int next = indexOf(message, (byte) '\n', lineStart);
            if (next < 0) {
                return false;
            }
            lineStart = next + 1;
        }
        return false;
    }

    /**
     * @param message the raw message, CRLF or LF line ends
     * @return how many bytes the header section takes, the empty line that ends it included; the whole message when
     *     it has no empty line
     */
    static int headerSectionLength(byte[] message) {
        int lineStart = 0;
        while (lineStart < message.length) {
            if (isEndOfLine(message, lineStart)) {
                return lineStart + (message[lineStart] == '\r' ? 2 : 1);
            }
            int next = indexOf(message, (byte) '\n', lineStart);
            if (next < 0) {
                return message.length;
            }
            lineStart = next + 1;
        }
        return message.length;
    }

    private static boolean isEndOfLine(byte[] message, int at) {
        return message[at] == '\n' || (message[at] == '\r' && at + 1 < message.length && message[at + 1] == '\n');
    }

    private static boolean namesDkimSignature(byte[] message, int at) {
        if (message.length - at < NAME.length + 1) {
            return false;
        }
        for (int i = 0; i < NAME.length; i++) {
            if (Character.toLowerCase((char) (message[at + i] & 0xff)) != NAME[i]) {
                return false;
            }
        }
        int after = at + NAME.length;
        while (after < message.length && (message[after] == ' ' || message[after] == '\t')) {
            after++;
        }
        return after < message.length && message[after] == ':';
    }

    private static int indexOf(byte[] message, byte wanted, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
