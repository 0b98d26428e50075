/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.ManageableMailQueue.MailQueueIterator;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Provider;

/**
 * Size and age of the oldest mail of one of James's queues, read when asked (a scrape, a health check). The age
 * looks at the first {@value #MAX_BROWSED} mails only, so that a huge backlog cannot make a scrape expensive. Only
 * the queues that browse copies of their mails (ActiveMQ's, RabbitMQ's) may be given: each browsed mail is disposed.
 */
class QueueStatistics {
    static final int MAX_BROWSED = 1000;
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueStatistics.class);

    private final Provider<MailQueueFactory<? extends ManageableMailQueue>> queues;
    private final MailQueueName name;

    /** The factory is looked up when first asked: the queues are ready only once the server has started. */
    QueueStatistics(Provider<MailQueueFactory<? extends ManageableMailQueue>> queues, MailQueueName name) {
        this.queues = queues;
        this.name = name;
    }

    String name() {
        return name.asString();
    }

    long size() {
        return queue().map(queue -> {
            try {
                return queue.getSize();
            } catch (Exception e) {
                LOGGER.warn("Cannot read the size of mail queue {}", name.asString(), e);
                return -1L;
            }
        }).orElse(0L);
    }

    Duration oldestAge(Clock clock) {
        Optional<? extends ManageableMailQueue> queue = queue();
        if (queue.isEmpty()) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Instant oldest = now;
        try {
            MailQueueIterator items = queue.get().browse();
            try {
                for (int i = 0; i < MAX_BROWSED && items.hasNext(); i++) {
                    // Each browsed mail is a copy of the queued one, message included: disposed of at once, or
                    // every health check and scrape left a copy per queued mail for the garbage collector.
                    Mail mail = items.next().getMail();
                    try {
                        Date updated = mail.getLastUpdated();
                        if (updated != null && updated.toInstant().isBefore(oldest)) {
                            oldest = updated.toInstant();
                        }
                    } finally {
                        LifecycleUtil.dispose(mail);
                    }
                }
            } finally {
                items.close();
            }
        } catch (Exception e) {
            // James's browse can race a dequeue; the next scrape reads again.
            LOGGER.debug("Cannot browse mail queue {}", name.asString(), e);
        }
        return Duration.between(oldest, now);
    }

    private Optional<? extends ManageableMailQueue> queue() {
        return queues.get().getQueue(name);
    }
}
