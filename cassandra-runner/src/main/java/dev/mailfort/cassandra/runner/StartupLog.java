/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a node's log while it starts, to learn when it accepts CQL clients and to quote its end when it fails.
 */
final class StartupLog {
    /** Logged by Cassandra once its native transport is bound, the last step before clients can connect. */
    static final String CQL_READY = "Starting listening for CQL clients";

    private final Path file;
    private long offset;
    // The end of what was read last time, so a marker split across two reads is still found.
    private String carry = "";

    StartupLog(Path file) {
        this.file = file;
    }

    boolean showsCqlReady() throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        String fresh;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            in.seek(offset);
            in.readFully(bytes);
            offset += bytes.length;
            // Latin-1 maps every byte to one char, so a multi-byte character cut at the end does no harm.
            fresh = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        String text = carry + fresh;
        if (text.contains(CQL_READY)) {
            return true;
        }
        carry = text.substring(Math.max(0, text.length() - CQL_READY.length()));
        return false;
    }

    String tail(int lines) {
        Deque<String> last = new ArrayDeque<>();
        try (var all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            all.forEach(line -> {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            });
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
        return String.join(System.lineSeparator(), last);
    }
}
