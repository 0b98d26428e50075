/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;

/**
 * Slows down a client after a failed login.
 *
 * <p>SMTP and POP3 ({@link #pauseReading}): the reply goes out at once, then the connection is not read for the
 * delay, so the client's next attempt waits. Sleeping instead would hold one of the few Netty threads that serve
 * every connection of the server (James 3.8.1 runs its protocol handlers there): a handful of attackers could stall
 * everybody's mail. IMAP ({@link #await}) runs its login on a pool meant for blocking calls, so a plain wait is fine
 * there. Either way an address collects at most {@code blockAfter - delayAfter} delays per window before it is
 * blocked, and blocked attempts are refused at once.
 */
public final class Penalty {
    private static final ScheduledExecutorService RESUME = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mailfort-login-penalty");
        thread.setDaemon(true);
        return thread;
    });

    private Penalty() {
    }

    /** Stops reading the session's connection for {@code delay}; the answer already returned is still sent. */
    public static void pauseReading(ProtocolSession session, Duration delay) {
        if (session instanceof ProtocolSessionImpl) {
            ProtocolTransport transport = ((ProtocolSessionImpl) session).getProtocolTransport();
            pauseReading(transport::setReadable, delay);
        }
    }

    /** The same for a server that gives access to its connection only: {@code setReadable} switches reading. */
    public static void pauseReading(Consumer<Boolean> setReadable, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        setReadable.accept(false);
        RESUME.schedule(() -> setReadable.accept(true), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks the calling thread for {@code delay}: only for threads meant to block. */
    public static void await(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "15 minutes" style wording for replies, rounded up to whole minutes (at least one). */
    public static String minutes(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
