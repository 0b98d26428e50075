/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * One request to the console and its answer: parameters of the query string and of a url-encoded form, the session
 * cookie, and answers that always carry the console's security headers.
 */
public final class ConsoleExchange {
    static final String SESSION_COOKIE = "mailfort_console";
    static final int MAX_FORM_BYTES = 64 * 1024;
    static final String CONTENT_SECURITY_POLICY =
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private final HttpExchange exchange;
    private final boolean secure;
    private final Map<String, String> query;
    private Map<String, String> form;

    ConsoleExchange(HttpExchange exchange, boolean secure) {
        this.exchange = exchange;
        this.secure = secure;
        this.query = parse(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public String clientAddress() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    public java.net.InetAddress clientInetAddress() {
        return exchange.getRemoteAddress().getAddress();
    }

    /** A query-string parameter, empty when absent or blank. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(value -> !value.isBlank());
    }

    /** A field of the POSTed form ({@code application/x-www-form-urlencoded}), {@code null} when absent. */
    public String form(String name) throws IOException {
        if (form == null) {
            form = parse(readBody());
        }
        return form.get(name);
    }

    public Optional<String> sessionCookie() {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] nameValue = pair.trim().split("=", 2);
                if (nameValue.length == 2 && nameValue[0].equals(SESSION_COOKIE)) {
                    return Optional.of(nameValue[1]);
                }
            }
        }
        return Optional.empty();
    }

    void setSessionCookie(String id) {
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + id
            + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    void clearSessionCookie() {
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE
            + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    public void html(int status, String page) throws IOException {
        send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    public void text(int status, String message) throws IOException {
        send(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    /** "See other": the browser GETs {@code location} after a POST, so reloading never repeats the action. */
    public void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        securityHeaders(exchange.getResponseHeaders());
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        securityHeaders(headers);
        boolean head = "HEAD".equals(method());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static void securityHeaders(Headers headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cache-Control", "no-store");
    }

    private String readBody() throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                body.write(buffer, 0, read);
                if (body.size() > MAX_FORM_BYTES) {
                    throw new IOException("Form larger than " + MAX_FORM_BYTES + " bytes");
                }
            }
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    // First value wins: a repeated field must not let an attacker-supplied copy replace the real one.
    static Map<String, String> parse(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            try {
                values.putIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException malformed) {
                // A broken %-escape: the field is ignored, as if absent.
            }
        }
        return values;
    }
}
