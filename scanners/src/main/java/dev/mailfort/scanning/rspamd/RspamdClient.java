/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks rspamd about a message over its HTTP interface: {@code POST /checkv2} with the raw RFC 5322 message as
 * the body and the SMTP envelope in request headers ({@code IP}, {@code Hostname}, {@code Helo}, {@code From},
 * one {@code Rcpt} per recipient, {@code User}, {@code Queue-Id}, and {@code Password} when configured).
 *
 * <p>Never throws for a failure of rspamd or of the network: connection refused, timeout, a status other than
 * 200, or a reply that is not a usable verdict all give an {@link RspamdVerdict.Status#UNAVAILABLE UNAVAILABLE}
 * verdict, which callers must not treat as clean. Messages over the size limit are not sent at all.
 *
 * <p>Thread-safe: one instance serves every thread (the JDK HTTP client pools connections).
 */
public final class RspamdClient {
    private static final Logger LOGGER = LoggerFactory.getLogger(RspamdClient.class);
    private static final int MAX_ERROR_BODY_IN_DETAIL = 200;

    private final RspamdSettings settings;
    private final URI checkUri;
    private final HttpClient http;
    private final RspamdReplyParser parser = new RspamdReplyParser();

    public RspamdClient(RspamdSettings settings) {
        this.settings = settings;
        this.checkUri = endpoint(settings.uri(), "checkv2");
        this.http = HttpClient.newBuilder()
            // rspamd speaks HTTP/1.1 only; the JDK would otherwise offer an h2c upgrade on every request.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    public RspamdSettings settings() {
        return settings;
    }

    /** Scans {@code message}, the complete raw message (headers and body, CRLF line ends as received). */
    public RspamdVerdict check(byte[] message, RspamdEnvelope envelope) {
        if (message.length > settings.maxMessageSize()) {
            return RspamdVerdict.tooLarge(settings.maxMessageSize());
        }
        return send(message, envelope);
    }

    /**
     * Scans the message read from {@code message} (not closed). Reads at most one byte over the size limit, so a
     * huge message costs no more memory than the limit.
     */
    public RspamdVerdict check(InputStream message, RspamdEnvelope envelope) throws IOException {
        long limit = settings.maxMessageSize();
        LimitedBuffer buffer = new LimitedBuffer(limit + 1);
        byte[] chunk = new byte[8192];
        long total = 0;
        int read;
        while (total <= limit && (read = message.read(chunk, 0, (int) Math.min(chunk.length, limit + 1 - total))) > 0) {
            buffer.write(chunk, 0, read);
            total += read;
        }
        if (total > limit) {
            return RspamdVerdict.tooLarge(limit);
        }
        return send(buffer.toByteArray(), envelope);
    }

    /** Writes a message into the stream it is given; lets callers stream from their own storage. */
    @FunctionalInterface
    public interface MessageWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Scans the message {@code writer} writes. Stops it as soon as it writes past the size limit, so a huge
     * message costs no more memory than the limit.
     *
     * @throws IOException only when the writer fails (the caller's storage, not rspamd)
     */
    public RspamdVerdict check(MessageWriter writer, RspamdEnvelope envelope) throws IOException {
        LimitedBuffer buffer = new LimitedBuffer(settings.maxMessageSize());
        try {
            writer.writeTo(buffer);
        } catch (IOException e) {
            if (causedByLimit(e)) {
                return RspamdVerdict.tooLarge(settings.maxMessageSize());
            }
            throw e;
        }
        return send(buffer.toByteArray(), envelope);
    }

    // Writers such as javax.mail may wrap the buffer's exception in their own.
    private static boolean causedByLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedBuffer.LimitExceeded) {
                return true;
            }
        }
        return false;
    }

    private RspamdVerdict send(byte[] message, RspamdEnvelope envelope) {
        HttpRequest request = request(message, envelope);
        CompletableFuture<HttpResponse<byte[]>> reply = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout only covers the wait for the status line; this bounds the body too.
            response = reply.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            return unavailable(envelope, "no reply within " + settings.readTimeout());
        } catch (InterruptedException e) {
            reply.cancel(true);
            Thread.currentThread().interrupt();
            return unavailable(envelope, "interrupted while waiting for rspamd");
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return unavailable(envelope, describe(cause));
        }
        if (response.statusCode() != 200) {
            return unavailable(envelope, "HTTP " + response.statusCode() + " " + excerpt(response.body()));
        }
        try {
            RspamdScan scan = parser.parse(response.body());
            LOGGER.debug("rspamd: {} for {}", scan.action(), envelope);
            return RspamdVerdict.scanned(scan);
        } catch (RspamdReplyParser.UnusableReplyException e) {
            return unavailable(envelope, e.getMessage());
        }
    }

    private HttpRequest request(byte[] message, RspamdEnvelope envelope) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(checkUri)
            .timeout(settings.readTimeout())
            .header("Content-Type", "message/rfc822")
            .POST(HttpRequest.BodyPublishers.ofByteArray(message));
        envelope.clientAddress().ifPresent(ip -> addHeader(builder, "IP", ip));
        envelope.clientHostname().ifPresent(host -> addHeader(builder, "Hostname", host));
        envelope.helo().ifPresent(helo -> addHeader(builder, "Helo", helo));
        if (envelope.nullSender()) {
            builder.header("From", "<>");
        } else {
            envelope.mailFrom().ifPresent(from -> addHeader(builder, "From", from));
        }
        envelope.recipients().forEach(rcpt -> addHeader(builder, "Rcpt", rcpt));
        envelope.authenticatedUser().ifPresent(user -> addHeader(builder, "User", user));
        envelope.queueId().ifPresent(id -> addHeader(builder, "Queue-Id", id));
        settings.password().ifPresent(password -> addHeader(builder, "Password", password));
        return builder.build();
    }

    private static void addHeader(HttpRequest.Builder builder, String name, String value) {
        headerValue(value).ifPresent(wireValue -> builder.header(name, wireValue));
    }

    /**
     * Envelope values come from SMTP clients: control characters are dropped so a hostile HELO cannot break the
     * request. The JDK HTTP client writes header values in US-ASCII only, turning anything else into '?'; so an
     * internationalized domain is sent in its ASCII (A-label) form, which names the same domain, and a value that
     * still is not ASCII (a UTF-8 local part, say) is left out rather than sent mangled.
     */
    static Optional<String> headerValue(String value) {
        StringBuilder clean = new StringBuilder(value.length());
        value.codePoints()
            .filter(c -> c >= 0x20 && c != 0x7f)
            .forEach(clean::appendCodePoint);
        String text = clean.toString().trim();
        if (!isAscii(text)) {
            text = withAsciiDomain(text);
        }
        if (text.isEmpty() || !isAscii(text)) {
            if (!text.isEmpty()) {
                LOGGER.debug("Not sending non-ASCII envelope value '{}' to rspamd", text);
            }
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static String withAsciiDomain(String text) {
        int at = text.lastIndexOf('@');
        String domain = at >= 0 ? text.substring(at + 1) : text;
        try {
            String asciiDomain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            return at >= 0 ? text.substring(0, at + 1) + asciiDomain : asciiDomain;
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private RspamdVerdict unavailable(RspamdEnvelope envelope, String reason) {
        // Debug only: callers log the outcome with what they know of the message.
        LOGGER.debug("rspamd at {} unavailable for {}: {}", settings.uri(), envelope.queueId().orElse("a message"),
            reason);
        return RspamdVerdict.unavailable(reason);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_ERROR_BODY_IN_DETAIL ? text.substring(0, MAX_ERROR_BODY_IN_DETAIL) + "..." : text;
    }

    private static URI endpoint(URI base, String command) {
        String path = base.getPath() == null ? "" : base.getPath();
        String joined = (path.endsWith("/") ? path : path + "/") + command;
        return base.resolve(joined);
    }
}
