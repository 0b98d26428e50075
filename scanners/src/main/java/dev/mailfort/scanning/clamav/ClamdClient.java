/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.scanning.clamav.ClamAVVerdict.UnavailableReason;

/**
 * Scans content with clamd's {@code INSTREAM} command over TCP. Thread-safe: one client serves the whole server.
 *
 * <p>Failures are verdicts, never exceptions and never clean: refused connections, timeouts, broken connections,
 * replies that make no sense all give {@link ClamAVVerdict.Status#UNAVAILABLE}; content over
 * {@link ClamdSettings#maxStreamSize()} (or clamd's own StreamMaxLength) gives {@code TOO_LARGE}, and is not sent
 * to the end. The only exception {@link #scan(ContentWriter)} throws is the content writer's own: the message could
 * not be read, which is not clamd's fault.
 *
 * <p>Connections: each scan opens its own, and at most {@link ClamdSettings#maxConnections()} are open at once
 * (a bounded pool of fresh connections). Keeping connections open with {@code IDSESSION} would only save a TCP
 * handshake, which is nothing next to a scan; in exchange it would bring the cases that make session reuse
 * fragile: clamd closing idle sessions (its IdleTimeout), ending the session after an error such as a size limit,
 * and a stale connection only found out by the next scan. With a fresh connection a failure never outlives the
 * scan it happened in. The bound is what matters: clamd serves MaxThreads connections at once and queues the rest,
 * so an unbounded burst would only move the queue into clamd, where it cannot time out.
 */
public final class ClamdClient implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClamdClient.class);

    private final ClamdSettings settings;
    private final Semaphore connections;
    private final ScheduledThreadPoolExecutor stallTimer;

    public ClamdClient(ClamdSettings settings) {
        this.settings = settings;
        this.connections = new Semaphore(settings.maxConnections(), true);
        this.stallTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "clamd-stall-guard");
            thread.setDaemon(true);
            return thread;
        });
        this.stallTimer.setRemoveOnCancelPolicy(true);
    }

    public ClamdSettings settings() {
        return settings;
    }

    public ClamAVVerdict scan(byte[] content) {
        try {
            return scan(new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException("Reading a byte array cannot fail", e);
        }
    }

    /** Scans what {@code content} holds, read to its end; the caller closes it. */
    public ClamAVVerdict scan(InputStream content) throws IOException {
        return scan(content::transferTo);
    }

    /**
     * Scans what {@code content} writes, streaming it to clamd as it is written.
     *
     * @throws IOException only when the content writer fails for a reason of its own (the stream it writes to
     *     never makes it throw for a clamd failure: those are verdicts)
     */
    public ClamAVVerdict scan(ContentWriter content) throws IOException {
        if (stallTimer.isShutdown()) {
            throw new IllegalStateException("This clamd client is closed");
        }
        try {
            if (!connections.tryAcquire(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return log(ClamAVVerdict.unavailable(UnavailableReason.BUSY, "all " + settings.maxConnections()
                    + " connections to clamd stayed busy for " + settings.readTimeout().toMillis() + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClamAVVerdict.unavailable(UnavailableReason.INTERRUPTED,
                "interrupted while waiting for a connection");
        }
        try (Socket socket = new Socket()) {
            ClamAVVerdict connectFailure = connect(socket);
            if (connectFailure != null) {
                return log(connectFailure);
            }
            try (StallGuard guard = StallGuard.watch(stallTimer, socket, settings.readTimeout().toNanos())) {
                return log(exchange(socket, guard, content));
            }
        } finally {
            connections.release();
        }
    }

    /** Whether clamd answers {@code PING} within the timeouts. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            if (connect(socket) != null) {
                return false;
            }
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return "PONG".equals(readReply(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stallTimer.shutdownNow();
    }

    private ClamAVVerdict connect(Socket socket) throws IOException {
        String address = settings.host() + ":" + settings.port();
        try {
            socket.setSoTimeout((int) settings.readTimeout().toMillis());
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                (int) settings.connectTimeout().toMillis());
            return null;
        } catch (SocketTimeoutException e) {
            return ClamAVVerdict.unavailable(UnavailableReason.TIMEOUT, "no connection to clamd at " + address
                + " within " + settings.connectTimeout().toMillis() + " ms");
        } catch (UnknownHostException e) {
            return ClamAVVerdict.unavailable(UnavailableReason.CONNECTION_REFUSED, "unknown clamd host " + address);
        } catch (IOException e) {
            return ClamAVVerdict.unavailable(UnavailableReason.CONNECTION_REFUSED, "cannot connect to clamd at "
                + address + ": " + e.getMessage());
        }
    }

    private ClamAVVerdict exchange(Socket socket, StallGuard guard, ContentWriter content) throws IOException {
        InstreamOutputStream stream = new InstreamOutputStream(socket.getOutputStream(), guard,
            settings.chunkSize(), settings.maxStreamSize());
        try {
            stream.sendCommand();
            content.writeTo(stream);
            stream.finish();
        } catch (IOException | RuntimeException e) {
            if (stream.limitExceeded()) {
                // Closing the connection without the end marker makes clamd drop what it received.
                return ClamAVVerdict.tooLarge("larger than the " + settings.maxStreamSize() + " bytes allowed");
            }
            if (stream.connectionFailure() != null) {
                return afterSendFailure(socket, guard, stream.connectionFailure());
            }
            throw e;
        }
        guard.progress();
        return awaitVerdict(socket, guard);
    }

    /** clamd may have said why it stopped reading (typically its size limit) before closing the connection. */
    private ClamAVVerdict afterSendFailure(Socket socket, StallGuard guard, IOException failure) {
        if (guard.fired()) {
            return stalled();
        }
        try {
            String reply = readReply(socket.getInputStream());
            if (reply != null) {
                ClamAVVerdict verdict = ClamdReply.parse(reply);
                if (verdict.status() == ClamAVVerdict.Status.TOO_LARGE
                    || verdict.unavailableReason().orElse(null) == UnavailableReason.CLAMD_ERROR) {
                    return verdict;
                }
            }
        } catch (IOException e) {
            // The connection is gone both ways: report the sending failure.
        }
        return ClamAVVerdict.unavailable(UnavailableReason.CONNECTION_LOST,
            "the connection to clamd broke while sending: " + failure.getMessage());
    }

    private ClamAVVerdict awaitVerdict(Socket socket, StallGuard guard) {
        String reply;
        try {
            reply = readReply(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return ClamAVVerdict.unavailable(UnavailableReason.TIMEOUT, "no reply from clamd within "
                + settings.readTimeout().toMillis() + " ms");
        } catch (ReplyTooLongException e) {
            return ClamAVVerdict.unavailable(UnavailableReason.PROTOCOL_ERROR, e.getMessage());
        } catch (IOException e) {
            if (guard.fired()) {
                return stalled();
            }
            return ClamAVVerdict.unavailable(UnavailableReason.CONNECTION_LOST,
                "the connection to clamd broke while waiting for the reply: " + e.getMessage());
        }
        if (reply == null) {
            return guard.fired() ? stalled() : ClamAVVerdict.unavailable(UnavailableReason.CONNECTION_LOST,
                "clamd closed the connection without a reply");
        }
        return ClamdReply.parse(reply);
    }

    private ClamAVVerdict stalled() {
        return ClamAVVerdict.unavailable(UnavailableReason.TIMEOUT, "clamd made no progress for "
            + settings.readTimeout().toMillis() + " ms");
    }

    /**
     * Reads one reply, which the {@code z} command prefix makes end with a NUL byte. A reply cut short by the end of
     * the connection is still returned (and judged by its content); null when nothing came at all.
     */
    private static String readReply(InputStream in) throws IOException {
        byte[] buffer = new byte[ClamdReply.MAX_LENGTH];
        int length = 0;
        while (length < buffer.length) {
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return length == 0 ? null : new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
            }
            for (int i = length; i < length + read; i++) {
                if (buffer[i] == 0) {
                    return new String(buffer, 0, i, StandardCharsets.ISO_8859_1);
                }
            }
            length += read;
        }
        throw new ReplyTooLongException("clamd's reply is longer than " + buffer.length + " bytes: "
            + ClamdReply.printable(new String(buffer, StandardCharsets.ISO_8859_1)));
    }

    /** Callers decide what a verdict deserves in their logs; here it is only traced. */
    private ClamAVVerdict log(ClamAVVerdict verdict) {
        LOGGER.debug("clamd at {}:{}: {}", settings.host(), settings.port(), verdict);
        return verdict;
    }

    private static final class ReplyTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyTooLongException(String message) {
            super(message);
        }
    }
}
