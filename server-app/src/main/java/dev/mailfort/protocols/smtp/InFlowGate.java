/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.mailfort.server.queue.SpoolBacklog;

/**
 * Matches the rate SMTP accepts mail to the rate the mailet pipeline finishes it, as Postfix's
 * {@code in_flow_delay} does: while the spool backlog is at or above a session's threshold, a new transaction waits
 * until the pipeline finishes one mail, or at most the session's delay. Each finished mail lets exactly one waiting
 * transaction go, oldest first, so intake follows delivery instead of piling mail up in the spool (where the
 * accept-to-mailbox lag grows for as long as a burst lasts).
 *
 * <p>Nobody is blocked: a waiting session is a callback, run on its own event loop when it may go on. The bounded
 * delay keeps every client well inside its SMTP timeouts and makes sure a stuck pipeline only slows intake down
 * (to one message per delay per connection) rather than stopping it: accepted mail is safe in the spool.
 */
@Singleton
public class InFlowGate {
    private final LongSupplier backlog;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicLong delayedTransactions = new AtomicLong();

    @Inject
    public InFlowGate(SpoolBacklog spoolBacklog) {
        this(spoolBacklog::size);
        spoolBacklog.onCompletion(this::oneMailFinished);
    }

    InFlowGate(LongSupplier backlog) {
        this.backlog = backlog;
    }

    /** Whether a new transaction of a session with this threshold must wait now. */
    public boolean mustWait(long threshold) {
        return backlog.getAsLong() >= threshold;
    }

    /**
     * Runs {@code resume} once: when a mail is finished while this waits, or after {@code maxDelay}, whichever comes
     * first. The returned waiter can be cancelled (the connection closed).
     */
    public Waiter await(Duration maxDelay, ScheduledExecutorService timer, Runnable resume) {
        delayedTransactions.incrementAndGet();
        Waiter waiter = new Waiter(resume);
        waiters.add(waiter);
        waiter.timeout = timer.schedule(waiter::timedOut, maxDelay.toMillis(), TimeUnit.MILLISECONDS);
        return waiter;
    }

    /** Called by the spool for each finished mail. */
    public void oneMailFinished() {
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            if (waiter.release()) {
                return;
            }
        }
    }

    /** Transactions that had to wait since start-up: how often flow control slowed a client down. */
    public long delayedTransactions() {
        return delayedTransactions.get();
    }

    /** Transactions waiting now. */
    public int waiting() {
        return waiters.size();
    }

    public final class Waiter {
        private final Runnable resume;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Waiter(Runnable resume) {
            this.resume = resume;
        }

        private boolean release() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            cancelTimeout();
            resume.run();
            return true;
        }

        private void timedOut() {
            waiters.remove(this);
            release();
        }

        public void cancel() {
            done.set(true);
            waiters.remove(this);
            cancelTimeout();
        }

        private void cancelTimeout() {
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
