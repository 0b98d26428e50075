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
 * How many mails the spool holds that the mailet pipeline has not finished: waiting in the queue or being
 * processed. SMTP reads it to slow intake down when the pipeline falls behind ({@code inFlowDelay}).
 *
 * <p>On a single node it is counted where mail enters the spool ({@link CountedSpoolQueue}) and where the spooler
 * commits it ({@link CountSpoolCompletions}), not asked of the broker: ActiveMQ's size query is far too slow to ask
 * for every message. In a cluster the spool is one RabbitMQ queue that every node feeds and consumes: each node
 * counts the mails it is processing (taken from the queue, not yet done) and adds the queue's waiting mails, read
 * from the broker a few times a second ({@code dev.mailfort.server.cluster.SharedSpoolSampler}).
 */
@Singleton
public class SpoolBacklog {
    private final AtomicLong unfinishedHere = new AtomicLong();
    private final AtomicLong waitingInSharedQueue = new AtomicLong();
    private final List<Runnable> completionListeners = new CopyOnWriteArrayList<>();

    public long size() {
        return unfinishedHere.get() + waitingInSharedQueue.get();
    }

    /** A mail this node must finish: written to the spool (single node), taken from the shared queue (cluster). */
    public void added() {
        unfinishedHere.incrementAndGet();
    }

    /** The spooler is done with a mail (single node: committed it). Wakes one listener's waiter per mail. */
    public void completed() {
        unfinishedHere.updateAndGet(current -> Math.max(0, current - 1));
        completionListeners.forEach(Runnable::run);
    }

    /** An admin removed mails from the spool (WebAdmin clear or remove). */
    public void removed(long count) {
        if (count > 0) {
            unfinishedHere.updateAndGet(current -> Math.max(0, current - count));
        }
    }

    /** At start-up, the mails a previous run left in the spool. */
    public void alreadyQueued(long count) {
        if (count > 0) {
            unfinishedHere.addAndGet(count);
        }
    }

    /** Cluster: the mails waiting in the shared queue, as the broker last said. */
    public void waitingInSharedQueue(long count) {
        waitingInSharedQueue.set(Math.max(0, count));
    }

    public void onCompletion(Runnable listener) {
        completionListeners.add(listener);
    }
}
