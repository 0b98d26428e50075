/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** clamd's own liveness check: {@code PING} answered by {@code PONG}. */
public final class ClamdPing {
    private static final int TIMEOUT_MILLIS = 1000;

    private ClamdPing() {
    }

    /** Whether a clamd answers on that address; an open port with something else behind it does not count. */
    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return "PONG".equals(readUntilNul(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    private static String readUntilNul(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int b = in.read(); b > 0 && reply.length() < 100; b = in.read()) {
            reply.append((char) b);
        }
        return reply.toString();
    }
}
