/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One queue, whatever name is asked for, that records what each mail looked like when it was enqueued (the mail
 * object itself goes on changing after enQueue, as in a real spooler).
 */
final class RecordingMailQueues<T> implements MailQueueFactory<MailQueue> {
    record Enqueued<T>(T snapshot, Duration delay) {
    }

    private final Function<Mail, T> snapshot;
    private final List<Enqueued<T>> enqueued = new ArrayList<>();
    private final MailQueue queue = new MailQueue() {
        @Override
        public MailQueueName getName() {
            return MailQueueFactory.SPOOL;
        }

        @Override
        public void enQueue(Mail mail, Duration delay) {
            enqueued.add(new Enqueued<>(snapshot.apply(mail), delay));
        }

        @Override
        public void enQueue(Mail mail) {
            enQueue(mail, Duration.ZERO);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromRunnable(() -> enQueue(mail));
        }

        @Override
        public Publisher<MailQueue.MailQueueItem> deQueue() {
            return Flux.empty();
        }

        @Override
        public void close() {
        }
    };

    RecordingMailQueues(Function<Mail, T> snapshot) {
        this.snapshot = snapshot;
    }

    List<Enqueued<T>> enqueued() {
        return enqueued;
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.of(queue);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queue;
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.of(MailQueueFactory.SPOOL);
    }
}
