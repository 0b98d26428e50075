/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Singleton;

/**
 * How many mails this node's spool holds that the mailet pipeline has not finished: waiting in the queue or being
 * processed. SMTP reads it to slow intake down when the pipeline falls behind ({@code inFlowDelay}).
 *
 * <p>Counted where mail enters the spool and where the spooler commits it, not asked of the broker: ActiveMQ's
 * size query reads through the queue, far too slow to ask for every message. Only the single-node spool
 * ({@link InJvmBrokerMailQueueFactory}) keeps it; in cluster mode it stays at 0, so SMTP never waits on it.
 */
@Singleton
public class SpoolBacklog {
    private final AtomicLong size = new AtomicLong();
    private final List<Runnable> completionListeners = new CopyOnWriteArrayList<>();

    public long size() {
        return size.get();
    }

    /** A mail was written to the spool. */
    public void added() {
        size.incrementAndGet();
    }

    /** The spooler committed a mail: it left the spool for good. Wakes one listener's waiter per mail. */
    public void completed() {
        size.updateAndGet(current -> Math.max(0, current - 1));
        completionListeners.forEach(Runnable::run);
    }

    /** An admin removed mails from the spool (WebAdmin clear or remove). */
    public void removed(long count) {
        if (count > 0) {
            size.updateAndGet(current -> Math.max(0, current - count));
        }
    }

    /** At start-up, the mails a previous run left in the spool. */
    public void alreadyQueued(long count) {
        if (count > 0) {
            size.addAndGet(count);
        }
    }

    public void onCompletion(Runnable listener) {
        completionListeners.add(listener);
    }
}
