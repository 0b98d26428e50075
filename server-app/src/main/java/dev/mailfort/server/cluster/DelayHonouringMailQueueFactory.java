/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueue;

import dev.mailfort.server.queue.SpoolBacklog;

/**
 * James's RabbitMQ mail queues, each wrapped in a {@link DelayHonouringMailQueue}. One wrapper per queue name, so
 * that every user of a queue gets the same object, as with James's factories. Each queue's dead letters go back into
 * it ({@link RedeliverDeadLetteredMail}).
 */
public final class DelayHonouringMailQueueFactory implements MailQueueFactory<ManageableMailQueue> {
    private final MailQueueFactory<RabbitMQMailQueue> queues;
    private final ConnectionReplacements replacements;
    private final RedeliverDeadLetteredMail deadLetters;
    private final CountProcessingOfSharedSpool spoolProcessing;
    private final ConcurrentHashMap<MailQueueName, ManageableMailQueue> wrapped = new ConcurrentHashMap<>();

    public DelayHonouringMailQueueFactory(MailQueueFactory<RabbitMQMailQueue> queues, ConnectionReplacements replacements,
                                          RedeliverDeadLetteredMail deadLetters, SpoolBacklog spoolBacklog) {
        this.queues = queues;
        this.replacements = replacements;
        this.deadLetters = deadLetters;
        this.spoolProcessing = new CountProcessingOfSharedSpool(spoolBacklog);
    }

    @Override
    public Optional<ManageableMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        ManageableMailQueue known = wrapped.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        return queues.getQueue(name, count).map(queue -> wrapped.computeIfAbsent(name, any -> wrap(queue)));
    }

    @Override
    public ManageableMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return wrapped.computeIfAbsent(name, any -> wrap(queues.createQueue(name, count)));
    }

    private ManageableMailQueue wrap(ManageableMailQueue queue) {
        // Once per queue and node, like the queue's own consumers.
        deadLetters.start(queue.getName());
        if (queue.getName().equals(MailQueueFactory.SPOOL)) {
            return new DelayHonouringMailQueue(queue, replacements, spoolProcessing::taken);
        }
        return new DelayHonouringMailQueue(queue, replacements);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.listCreatedMailQueues();
    }
}
