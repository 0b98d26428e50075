/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.reactivestreams.Publisher;

import com.rabbitmq.client.Connection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.QueueSpecification;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;
import reactor.util.context.ContextView;

/**
 * A RabbitMQ sender that can hold a publication back for a while: inside {@link #delayedBy}, each message goes to a
 * parking queue whose messages expire after the delay and are then dead-lettered to the exchange they were meant for.
 *
 * <p>James's RabbitMQ mail queue enqueues a retry at once whatever its delay, so RemoteDelivery would make all its
 * attempts within seconds and bounce mail that a server refused for five minutes. RabbitMQ itself then keeps the
 * time, on every node and across restarts, with no timer of ours to lose.
 *
 * <p>One parking queue per destination and delay, because a queue only expires the message at its head: mixing
 * delays in one queue would hold a short delay behind a long one. They are quorum queues with at-least-once
 * dead-lettering, so a parked mail cannot be lost between the parking queue and its destination (classic queues
 * dead-letter at most once). That needs RabbitMQ 3.10 or later.
 *
 * <p>Outside {@link #delayedBy}, it is a plain sender: the event bus and every undelayed enqueue use it unchanged.
 *
 * <p>Every publication starts on a thread of Reactor's blocking pool. A publish on a connection that is recovering
 * from a broker outage blocks its thread until the broker is back; the mailbox publishes its events right after a
 * Cassandra write, on the Cassandra driver's I/O thread, so without this an outage of RabbitMQ froze every Cassandra
 * request of the node, SMTP and IMAP included.
 */
public final class DelayedPublicationSender extends Sender {
    private static final Object DELAY = DelayedPublicationSender.class;
    private static final String PARKING_PREFIX = "mailfort-delayed-";

    private DelayedPublicationSender(SenderOptions options) {
        super(options);
    }

    /** A sender on the same connection and channel pool as James's own (see ReactorRabbitMQChannelPool). */
    public static DelayedPublicationSender create(Mono<Connection> connection, ChannelPool channelPool) {
        return new DelayedPublicationSender(new SenderOptions()
            .connectionMono(connection)
            .channelPool(channelPool)
            .resourceManagementChannelMono(new ReopeningChannel(connection).get()));
    }

    /** Runs {@code publication} so that what it publishes through this sender arrives {@code delay} later. */
    public static <T> Mono<T> delayedBy(Publisher<T> publication, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return Mono.from(publication);
        }
        return Mono.from(publication).contextWrite(context -> context.put(DELAY, delay));
    }

    /** The queue where messages for {@code exchange} wait {@code delay}. */
    public static String parkingQueue(String exchange, Duration delay) {
        return PARKING_PREFIX + exchange + "-" + delay.toMillis() + "ms";
    }

    @Override
    public Mono<Void> send(Publisher<OutboundMessage> messages, SendOptions options) {
        return Mono.deferContextual(context -> delay(context)
                .map(delay -> super.send(parked(messages, delay), options))
                .orElseGet(() -> super.send(messages, options)))
            .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Flux<OutboundMessageResult> sendWithPublishConfirms(Publisher<OutboundMessage> messages, SendOptions options) {
        return Flux.deferContextual(context -> delay(context)
                .map(delay -> super.sendWithPublishConfirms(parked(messages, delay), options))
                .orElseGet(() -> super.sendWithPublishConfirms(messages, options)))
            .subscribeOn(Schedulers.boundedElastic());
    }

    private static Optional<Duration> delay(ContextView context) {
        return context.getOrEmpty(DELAY);
    }

    private Flux<OutboundMessage> parked(Publisher<OutboundMessage> messages, Duration delay) {
        // Declared before every delayed publication, not once: a parking queue deleted by an admin would otherwise
        // swallow mail silently (the default exchange confirms unroutable messages).
        return Flux.from(messages).concatMap(message -> {
            String queue = parkingQueue(message.getExchange(), delay);
            return declareQueue(parkingSpecification(queue, message, delay))
                .thenReturn(new OutboundMessage("", queue, message.getProperties(), message.getBody()));
        });
    }

    private static QueueSpecification parkingSpecification(String queue, OutboundMessage message, Duration delay) {
        return QueueSpecification.queue(queue)
            .durable(true)
            .exclusive(false)
            .autoDelete(false)
            .arguments(Map.of(
                "x-queue-type", "quorum",
                "x-message-ttl", delay.toMillis(),
                "x-dead-letter-exchange", message.getExchange(),
                "x-dead-letter-routing-key", message.getRoutingKey(),
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish"));
    }
}
