/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.annotation.PreDestroy;

import org.apache.james.backends.rabbitmq.ReceiverProvider;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.ObjectNotFoundException;
import org.apache.james.queue.api.MailQueueName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.rabbitmq.ConsumeOptions;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.Receiver;
import reactor.rabbitmq.Sender;
import reactor.util.retry.Retry;

/**
 * Puts mail that a queue's consumer rejected back into its queue after a while.
 *
 * <p>James's RabbitMQ queue sends a reference to the queue's dead-letter queue when its consumer could neither
 * process it nor queue it again: typically the spooler while Cassandra was unreachable. Nothing read that queue, so
 * the mail, acknowledged to its sender and still stored, waited there until an admin moved it by hand. Here each
 * reference goes back to the queue's exchange after {@code delay} (through {@link DelayedPublicationSender}, so the
 * wait survives a restart), as long as the mail's content is still stored. A reference whose content is gone cannot
 * be delivered by anyone: it is dropped with an error in the log rather than cycled for ever.
 */
public final class RedeliverDeadLetteredMail {
    private static final Logger LOGGER = LoggerFactory.getLogger(RedeliverDeadLetteredMail.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONSUME_AGAIN_FIRST = Duration.ofSeconds(1);
    private static final Duration CONSUME_AGAIN_MAX = Duration.ofSeconds(30);
    // James's RabbitMQ mail queue names (MailQueueName, package-private there).
    private static final String DEAD_LETTER_QUEUE_PREFIX = "JamesMailQueue-dead-letter-queue-";
    private static final String EXCHANGE_PREFIX = "JamesMailQueue-exchange-";
    private static final String NO_ROUTING_KEY = "";

    private final ReceiverProvider receivers;
    private final Sender sender;
    private final ConnectionReplacements replacements;
    private final BlobStore blobStore;
    private final BlobId.Factory blobIds;
    private final Duration delay;
    private final List<Disposable> consumers = new CopyOnWriteArrayList<>();

    public RedeliverDeadLetteredMail(ReceiverProvider receivers, Sender sender, ConnectionReplacements replacements,
                                     BlobStore blobStore, BlobId.Factory blobIds, Duration delay) {
        this.receivers = receivers;
        this.sender = sender;
        this.replacements = replacements;
        this.blobStore = blobStore;
        this.blobIds = blobIds;
        this.delay = delay;
    }

    /** Starts reading the dead-letter queue of {@code queue}, until {@link #stop()}. */
    public void start(MailQueueName queue) {
        String deadLetters = DEAD_LETTER_QUEUE_PREFIX + queue.asString();
        String exchange = EXCHANGE_PREFIX + queue.asString();
        consumers.add(Flux.defer(() -> Flux.using(receivers::createReceiver,
                    receiver -> receiver.consumeManualAck(deadLetters, new ConsumeOptions().qos(1)),
                    Receiver::close)
                .takeUntilOther(replacements.next()))
            .concatMap(delivery -> redeliver(delivery, exchange))
            .doOnError(e -> LOGGER.warn("Lost the consumer of {}: consuming again shortly", deadLetters, e))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, CONSUME_AGAIN_FIRST).maxBackoff(CONSUME_AGAIN_MAX))
            .repeatWhen(completions -> completions.delayElements(CONSUME_AGAIN_FIRST))
            .subscribe(any -> { }, e -> LOGGER.info("Stopped reading {}: {}", deadLetters, e.toString())));
    }

    private Mono<Void> redeliver(AcknowledgableDelivery delivery, String exchange) {
        return contentStillStored(delivery.getBody())
            .flatMap(stored -> {
                if (!stored) {
                    LOGGER.error("Dropping a reference from the dead letters of {}: the mail's content is no longer "
                        + "stored, so it can never be delivered: {}", exchange, describe(delivery.getBody()));
                    return Mono.fromRunnable(delivery::ack);
                }
                LOGGER.warn("Mail rejected by the consumer of {} goes back to its queue in {}: {}", exchange, delay,
                    describe(delivery.getBody()));
                OutboundMessage again = new OutboundMessage(exchange, NO_ROUTING_KEY, delivery.getProperties(),
                    delivery.getBody());
                return DelayedPublicationSender.delayedBy(sender.sendWithPublishConfirms(Mono.just(again)).next(), delay)
                    .flatMap(result -> result.isAck()
                        ? Mono.fromRunnable(delivery::ack)
                        : Mono.error(new IllegalStateException("RabbitMQ refused the redelivery to " + exchange)));
            })
            .then()
            // The reference stays in the dead letters, unacknowledged, until this consumer's channel closes.
            .onErrorResume(e -> Mono.error(new IllegalStateException("Could not redeliver to " + exchange, e)));
    }

    /** Whether the header blob of the referenced mail still exists; in doubt (Cassandra unreachable), yes. */
    private Mono<Boolean> contentStillStored(byte[] reference) {
        String headerBlob;
        try {
            headerBlob = JSON.readTree(reference).path("headerBlobId").asText("");
        } catch (java.io.IOException e) {
            return Mono.just(false);
        }
        if (headerBlob.isEmpty()) {
            return Mono.just(false);
        }
        return Mono.from(blobStore.readBytes(blobStore.getDefaultBucketName(), blobIds.from(headerBlob)))
            .thenReturn(true)
            .onErrorResume(ObjectNotFoundException.class, e -> Mono.just(false))
            .onErrorResume(e -> {
                LOGGER.warn("Could not check whether a dead-lettered mail is still stored; redelivering it", e);
                return Mono.just(true);
            });
    }

    private static String describe(byte[] reference) {
        try {
            JsonNode json = JSON.readTree(reference);
            return "mail " + json.path("name").asText("?") + ", enqueueId " + json.path("enqueueId").asText("?");
        } catch (java.io.IOException e) {
            return "an unreadable reference of " + reference.length + " bytes";
        }
    }

    @PreDestroy
    public void stop() {
        consumers.forEach(Disposable::dispose);
        consumers.clear();
    }
}
