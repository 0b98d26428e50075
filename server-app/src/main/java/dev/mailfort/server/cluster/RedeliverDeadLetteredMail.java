/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.annotation.PreDestroy;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.ObjectNotFoundException;
import org.apache.james.queue.api.MailQueueName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.Sender;

/**
 * Puts mail that a queue's consumer rejected back into its queue after a while.
 *
 * <p>James's RabbitMQ queue sends a reference to the queue's dead-letter queue when its consumer could neither
 * process it nor queue it again: typically the spooler while Cassandra was unreachable. Nothing read that queue, so
 * the mail, acknowledged to its sender and still stored, waited there until an admin moved it by hand. Here each
 * reference goes back to the queue's exchange after {@code delay} (through {@link DelayedPublicationSender}, so the
 * wait survives a restart), as long as the mail's content is still stored. A reference whose content is gone cannot
 * be delivered by anyone: it is dropped with an error in the log rather than cycled for ever.
 *
 * <p>The dead-letter queues are polled rather than consumed: James's health check of a dead-letter queue fails to
 * read the details of a queue that has a consumer (it does not know RabbitMQ's consumer state "up"), and between two
 * polls it still reports the mail waiting there.
 */
public final class RedeliverDeadLetteredMail {
    private static final Logger LOGGER = LoggerFactory.getLogger(RedeliverDeadLetteredMail.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);
    private static final Duration PUBLICATION_TIMEOUT = Duration.ofSeconds(30);
    // A bound per poll, so that one queue's backlog does not hold its thread for long.
    private static final int MAX_PER_POLL = 100;
    // James's RabbitMQ mail queue names (MailQueueName, package-private there).
    private static final String DEAD_LETTER_QUEUE_PREFIX = "JamesMailQueue-dead-letter-queue-";
    private static final String EXCHANGE_PREFIX = "JamesMailQueue-exchange-";
    private static final String NO_ROUTING_KEY = "";

    private final Mono<Connection> connection;
    private final Sender sender;
    private final BlobStore blobStore;
    private final BlobId.Factory blobIds;
    private final Duration delay;
    private final List<Disposable> polls = new CopyOnWriteArrayList<>();

    public RedeliverDeadLetteredMail(Mono<Connection> connection, Sender sender, BlobStore blobStore,
                                     BlobId.Factory blobIds, Duration delay) {
        this.connection = connection;
        this.sender = sender;
        this.blobStore = blobStore;
        this.blobIds = blobIds;
        this.delay = delay;
    }

    /** Starts polling the dead-letter queue of {@code queue}, until {@link #stop()}. */
    public void start(MailQueueName queue) {
        String deadLetters = DEAD_LETTER_QUEUE_PREFIX + queue.asString();
        String exchange = EXCHANGE_PREFIX + queue.asString();
        polls.add(Flux.interval(POLL_INTERVAL, POLL_INTERVAL, Schedulers.boundedElastic())
            .onBackpressureDrop()
            .concatMap(tick -> connection
                .flatMap(current -> Mono.fromCallable(() -> drain(current, deadLetters, exchange)))
                .onErrorResume(e -> {
                    // The reference being handled, if any, went back to the dead letters with the channel.
                    LOGGER.warn("Could not put the dead letters of {} back; trying again in {}: {}", exchange,
                        POLL_INTERVAL, e.toString());
                    return Mono.empty();
                }), 1)
            // Only at shutdown, when the schedulers are gone.
            .subscribe(any -> { }, e -> LOGGER.info("Stopped polling {}: {}", deadLetters, e.toString())));
    }

    /** Handles what waits in {@code deadLetters}, up to {@link #MAX_PER_POLL}; returns how many. */
    private int drain(Connection current, String deadLetters, String exchange) throws Exception {
        try (Channel channel = current.createChannel()) {
            for (int handled = 0; handled < MAX_PER_POLL; handled++) {
                GetResponse message = channel.basicGet(deadLetters, false);
                if (message == null) {
                    return handled;
                }
                redeliver(message, exchange);
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
            }
            return MAX_PER_POLL;
        }
    }

    private void redeliver(GetResponse message, String exchange) {
        Optional<JsonNode> reference = read(message.getBody());
        String description = reference
            .map(json -> "mail " + json.path("name").asText("?") + ", enqueueId " + json.path("enqueueId").asText("?"))
            .orElse("an unreadable reference of " + message.getBody().length + " bytes");
        if (!reference.map(this::contentStillStored).orElse(false)) {
            LOGGER.error("Dropping a reference from the dead letters of {}: the mail's content is no longer stored, "
                + "so it can never be delivered: {}", exchange, description);
            return;
        }
        LOGGER.warn("Mail rejected by the consumer of {} goes back to its queue in {}: {}", exchange, delay, description);
        OutboundMessage again = new OutboundMessage(exchange, NO_ROUTING_KEY, message.getProps(), message.getBody());
        OutboundMessageResult result = DelayedPublicationSender
            .delayedBy(sender.sendWithPublishConfirms(Mono.just(again)).next(), delay)
            .block(PUBLICATION_TIMEOUT);
        if (result == null || !result.isAck()) {
            throw new IllegalStateException("RabbitMQ did not confirm the redelivery to " + exchange);
        }
    }

    private static Optional<JsonNode> read(byte[] reference) {
        try {
            return Optional.of(JSON.readTree(reference));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the header blob of the referenced mail still exists; in doubt (Cassandra unreachable), yes. */
    private boolean contentStillStored(JsonNode reference) {
        String headerBlob = reference.path("headerBlobId").asText("");
        if (headerBlob.isEmpty()) {
            return false;
        }
        try {
            Mono.from(blobStore.readBytes(blobStore.getDefaultBucketName(), blobIds.from(headerBlob))).block();
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            LOGGER.warn("Could not check whether a dead-lettered mail is still stored; redelivering it", e);
            return true;
        }
    }

    @PreDestroy
    public void stop() {
        polls.forEach(Disposable::dispose);
        polls.clear();
    }
}
