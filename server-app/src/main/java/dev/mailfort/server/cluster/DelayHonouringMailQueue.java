/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * A RabbitMQ mail queue whose delayed enqueue really waits, and whose consumers survive a broker restart: the mail is stored and listed in the queue at once (so
 * it can be browsed and removed), and its reference reaches consumers after the delay, through
 * {@link DelayedPublicationSender}.
 *
 * <p>{@link #flush()} does nothing: a parked mail cannot be hurried without reading the parking queues, and no
 * Mailfort workflow needs it. Removing a parked mail from the queue works: when its reference comes back, the queue
 * sees it was deleted and drops it.
 */
public final class DelayHonouringMailQueue implements ManageableMailQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(DelayHonouringMailQueue.class);
    private static final Duration CONSUME_AGAIN_FIRST = Duration.ofSeconds(1);
    private static final Duration CONSUME_AGAIN_MAX = Duration.ofSeconds(30);

    private final ManageableMailQueue queue;
    private final ConnectionReplacements replacements;
    private final UnaryOperator<MailQueueItem> onTaken;

    public DelayHonouringMailQueue(ManageableMailQueue queue, ConnectionReplacements replacements) {
        this(queue, replacements, UnaryOperator.identity());
    }

    /** @param onTaken applied to each item this node takes (the spool's: counted for SMTP flow control) */
    DelayHonouringMailQueue(ManageableMailQueue queue, ConnectionReplacements replacements,
                            UnaryOperator<MailQueueItem> onTaken) {
        this.queue = queue;
        this.replacements = replacements;
        this.onTaken = onTaken;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        try {
            DelayedPublicationSender.delayedBy(queue.enqueueReactive(mail), delay).block();
        } catch (RuntimeException e) {
            throw new MailQueueException("Cannot enqueue " + mail.getName() + " with a delay of " + delay, e);
        }
    }

    @Override
    public MailQueueName getName() {
        return queue.getName();
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        queue.enQueue(mail);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return queue.enqueueReactive(mail);
    }

    /**
     * The queue's items, consumed again after the consumer was lost: when it fails, ends, or its connection to the
     * broker was replaced. James restarts only the spooler after a reconnection; RemoteDelivery would never send
     * outgoing mail again after a RabbitMQ restart.
     */
    @Override
    public Publisher<MailQueueItem> deQueue() {
        return Flux.defer(() -> Flux.<MailQueueItem>from(queue.deQueue()).takeUntilOther(replacements.next()))
            .map(onTaken)
            .doOnError(e -> LOGGER.warn("Lost the consumer of mail queue {}: consuming again shortly", getName().asString(), e))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, CONSUME_AGAIN_FIRST).maxBackoff(CONSUME_AGAIN_MAX))
            .repeatWhen(completions -> completions.delayElements(CONSUME_AGAIN_FIRST)
                .doOnNext(any -> LOGGER.warn("The consumer of mail queue {} ended: consuming again", getName().asString())));
    }

    @Override
    public long getSize() throws MailQueueException {
        return queue.getSize();
    }

    @Override
    public Publisher<Long> getSizeReactive() {
        return queue.getSizeReactive();
    }

    @Override
    public long flush() throws MailQueueException {
        return queue.flush();
    }

    @Override
    public long clear() throws MailQueueException {
        return queue.clear();
    }

    @Override
    public long remove(Type type, String value) throws MailQueueException {
        return queue.remove(type, value);
    }

    @Override
    public MailQueueIterator browse() throws MailQueueException {
        return queue.browse();
    }

    @Override
    public void close() throws java.io.IOException {
        queue.close();
    }

    @Override
    public String toString() {
        return queue.toString();
    }
}
