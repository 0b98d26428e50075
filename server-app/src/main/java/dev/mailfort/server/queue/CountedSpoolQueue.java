/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import java.time.Duration;

import javax.jms.ConnectionFactory;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool: a {@link BufferedBlobMailQueue} that keeps {@link SpoolBacklog} up to date on the way in and on admin
 * removals; the way out is counted by {@link CountSpoolCompletions}, which sees the spooler's commit.
 */
class CountedSpoolQueue extends BufferedBlobMailQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(CountedSpoolQueue.class);

    private final SpoolBacklog backlog;

    CountedSpoolQueue(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decorators, MailQueueName name,
                      MetricFactory metrics, GaugeRegistry gauges, SpoolBacklog backlog) {
        super(connectionFactory, decorators, name, metrics, gauges);
        this.backlog = backlog;
        try {
            backlog.alreadyQueued(getSize());
        } catch (MailQueueException | RuntimeException e) {
            // Only the first minutes' flow control is less accurate: the count corrects itself as mail is committed.
            LOGGER.warn("Cannot read the size of {} left by the previous run: its backlog starts at 0", name.asString(), e);
        }
    }

    /** {@code enQueue(Mail)} and {@code enqueueReactive} end here too. */
    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        super.enQueue(mail, delay);
        backlog.added();
    }

    @Override
    public long clear() throws MailQueueException {
        long removed = super.clear();
        backlog.removed(removed);
        return removed;
    }

    @Override
    public long remove(Type type, String value) throws MailQueueException {
        long removed = super.remove(type, value);
        backlog.removed(removed);
        return removed;
    }
}
