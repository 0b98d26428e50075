/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection on which nothing has moved for too long. A socket read timeout does not cover writes: a clamd
 * that stops reading (hung, or swapping) would block the sending thread forever once the socket buffers are full.
 * One timer per scan, re-armed lazily, rather than one per chunk.
 */
final class StallGuard implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Closeable connection;
    private final long timeoutNanos;
    private volatile long lastProgress;
    private volatile boolean fired;
    private boolean closed;
    private ScheduledFuture<?> check;

    private StallGuard(ScheduledExecutorService timer, Closeable connection, long timeoutNanos) {
        this.timer = timer;
        this.connection = connection;
        this.timeoutNanos = timeoutNanos;
        this.lastProgress = System.nanoTime();
    }

    static StallGuard watch(ScheduledExecutorService timer, Closeable connection, long timeoutNanos) {
        StallGuard guard = new StallGuard(timer, connection, timeoutNanos);
        guard.scheduleCheck(timeoutNanos);
        return guard;
    }

    void progress() {
        lastProgress = System.nanoTime();
    }

    /** Whether the connection was closed because it stalled. */
    boolean fired() {
        return fired;
    }

    private void checkStall() {
        long idle = System.nanoTime() - lastProgress;
        if (idle < timeoutNanos) {
            scheduleCheck(timeoutNanos - idle);
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            fired = true;
        }
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing is all we wanted; the scanning thread sees the failure.
        }
    }

    private synchronized void scheduleCheck(long delayNanos) {
        if (!closed) {
            check = timer.schedule(this::checkStall, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (check != null) {
            check.cancel(false);
        }
    }
}
