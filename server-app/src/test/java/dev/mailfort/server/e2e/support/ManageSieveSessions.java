/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.server.e2e.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.mailfort.server.testing.LineDialogue;

/**
 * ManageSieve (RFC 5804) spoken by hand over {@link LineDialogue}: a response is every line up to the one that starts
 * with {@code OK}, {@code NO} or {@code BYE}.
 */
public final class ManageSieveSessions {
    private ManageSieveSessions() {
    }

    /** Connected in clear text, the greeting (the capabilities, then OK) read and returned. */
    public static List<String> connect(LineDialogue sieve) {
        return readResponse(sieve);
    }

    /** Sends one command and returns its whole response, the status line last. */
    public static List<String> command(LineDialogue sieve, String command) {
        return readResponse(sieve.send(command));
    }

    /**
     * STARTTLS, the TLS handshake, then what the server sends over TLS unasked (RFC 5804 section 2.2: the
     * capabilities again, then OK).
     */
    public static List<String> startTls(LineDialogue sieve) {
        List<String> response = command(sieve, "STARTTLS");
        if (!last(response).startsWith("OK")) {
            throw new IllegalStateException("STARTTLS answered " + response);
        }
        sieve.startTls();
        return readResponse(sieve);
    }

    /** AUTHENTICATE "PLAIN" with the initial response (RFC 5804 section 2.1); returns the status line. */
    public static String authenticate(LineDialogue sieve, String user, String password) {
        return last(command(sieve, "AUTHENTICATE \"PLAIN\" \"" + SmtpCredentials.plain(user, password) + "\""));
    }

    /** PUTSCRIPT with a non-synchronizing literal; returns the status line. */
    public static String putScript(LineDialogue sieve, String name, String script) {
        String content = script.replace("\r\n", "\n").replace("\n", "\r\n");
        int size = content.getBytes(StandardCharsets.UTF_8).length;
        sieve.send("PUTSCRIPT \"" + name + "\" {" + size + "+}");
        String[] lines = content.split("\r\n", -1);
        // The literal is sent as lines; the CRLF after the literal ends the command.
        for (int i = 0; i < lines.length - 1; i++) {
            sieve.send(lines[i]);
        }
        sieve.send(lines[lines.length - 1]);
        return last(readResponse(sieve));
    }

    public static String last(List<String> response) {
        return response.get(response.size() - 1);
    }

    private static List<String> readResponse(LineDialogue sieve) {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = sieve.readLine();
            lines.add(line);
        } while (!(line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")));
        return lines;
    }
}
