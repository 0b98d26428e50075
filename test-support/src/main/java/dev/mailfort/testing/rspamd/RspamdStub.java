/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for rspamd's HTTP scanner interface on a loopback port, for unit tests: it records each request and
 * answers with the status, body and delay set by the test ({@code 200} and a {@code no action} reply by default).
 *
 * <pre>
 * try (RspamdStub rspamd = RspamdStub.start()) {
 *     rspamd.answer(RspamdStub.reply("reject", 16.2, 15));
 *     ... client of rspamd.uri() ...
 *     assertThat(rspamd.lastRequest().header("Rcpt")) ...
 * }
 * </pre>
 */
public final class RspamdStub implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = reply("no action", 0.0, 15.0);
    private volatile Duration delay = Duration.ZERO;

    private RspamdStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static RspamdStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "rspamd-stub");
                thread.setDaemon(true);
                return thread;
            });
            RspamdStub stub = new RspamdStub(server, executor);
            server.createContext("/", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the rspamd stub", e);
        }
    }

    /** A minimal {@code /checkv2} reply body with the given action and scores and no symbols. */
    public static String reply(String action, double score, double requiredScore) {
        return String.format(Locale.ROOT,
            "{\"is_skipped\":false,\"score\":%s,\"required_score\":%s,\"action\":\"%s\",\"symbols\":{},\"messages\":{}}",
            score, requiredScore, action);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers the following requests with status 200 and this body. */
    public RspamdStub answer(String replyBody) {
        return answer(200, replyBody);
    }

    public RspamdStub answer(int replyStatus, String replyBody) {
        this.status = replyStatus;
        this.body = replyBody;
        return this;
    }

    /** Waits this long before answering (the request is recorded at once). */
    public RspamdStub delay(Duration replyDelay) {
        this.delay = replyDelay;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("The rspamd stub received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                requestBody));
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] replyBytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, replyBytes.length == 0 ? -1 : replyBytes.length);
            if (replyBytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(replyBytes);
                }
            }
        }
    }

    /** One request as received. Header names are case-insensitive. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
