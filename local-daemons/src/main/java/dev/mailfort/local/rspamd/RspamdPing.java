/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rspamd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** rspamd's liveness check: {@code GET /ping} answered by {@code pong}. */
public final class RspamdPing {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();

    private RspamdPing() {
    }

    /** Whether an rspamd worker answers at {@code base} (e.g. {@code http://127.0.0.1:11333}). */
    public static boolean answers(URI base) {
        return answers(base, TIMEOUT);
    }

    /** The same, waiting at most {@code timeout} for the answer (the connection itself at most 1 s). */
    public static boolean answers(URI base, Duration timeout) {
        HttpRequest ping = HttpRequest.newBuilder(base.resolve("/ping")).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(ping, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().trim().equals("pong");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
