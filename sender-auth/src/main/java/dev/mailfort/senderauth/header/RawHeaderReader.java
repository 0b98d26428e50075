/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header section of a raw RFC 5322 message (up to the first empty line), accepting CRLF or bare LF.
 * Values are decoded as UTF-8 (RFC 6532). Lines without a colon are skipped, as a lenient MTA would.
 */
public final class RawHeaderReader {

    private RawHeaderReader() {
    }

    public static List<HeaderField> read(byte[] message) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == '\n') {
                int end = i > start && message[i - 1] == '\r' ? i - 1 : i;
                String line = new String(message, start, end - start, StandardCharsets.UTF_8);
                if (line.isEmpty()) {
                    break;
                }
                lines.add(line);
                start = i + 1;
            }
        }
        List<HeaderField> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation && current != null) {
                current.append(line);
                continue;
            }
            addField(fields, current);
            current = new StringBuilder(line);
        }
        addField(fields, current);
        return List.copyOf(fields);
    }

    private static void addField(List<HeaderField> fields, StringBuilder raw) {
        if (raw == null) {
            return;
        }
        int colon = raw.indexOf(":");
        if (colon <= 0) {
            return;
        }
        fields.add(new HeaderField(raw.substring(0, colon).trim(), raw.substring(colon + 1).trim()));
    }
}
