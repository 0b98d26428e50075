/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;

import com.google.common.base.Preconditions;

import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * How this node tries to (re)connect to RabbitMQ: every attempt is a single, quick one, and the attempts are spaced
 * by a delay that grows but never beyond {@code connection.pool.max.delay.ms}, so that the node is back within that
 * delay of the broker coming back.
 *
 * <p>James 3.8.1 nests two unbounded exponential backoffs: its connection factory blocks through 7 attempts from 3 s
 * (3, 6, 12, 24, 48... s) inside each of its pool's 10 attempts from 100 ms. Every caller that found the connection
 * lost (the channel pool filling a slot, the health check, a publication) slept in its own step of those ladders, so
 * after a broker restart the node stayed unable to publish (SMTP answering 4xx, health check red) for 40 to more than
 * 90 seconds after the broker was back. Here James's two layers make one attempt each, and the retries are ours.
 */
final class ConnectionAttempts {
    static final String RETRIES = "connection.pool.retries";
    static final String MIN_DELAY = "connection.pool.min.delay.ms";
    static final String MAX_DELAY = "connection.pool.max.delay.ms";

    static final int DEFAULT_RETRIES = 10;
    static final Duration DEFAULT_MIN_DELAY = Duration.ofMillis(100);
    static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(2);

    private final int retries;
    private final Duration minDelay;
    private final Duration maxDelay;

    private ConnectionAttempts(int retries, Duration minDelay, Duration maxDelay) {
        Preconditions.checkArgument(retries >= 0, "%s must not be negative", RETRIES);
        Preconditions.checkArgument(!minDelay.isNegative() && !minDelay.isZero(), "%s must be positive", MIN_DELAY);
        Preconditions.checkArgument(maxDelay.compareTo(minDelay) >= 0, "%s must be at least %s", MAX_DELAY, MIN_DELAY);
        this.retries = retries;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
    }

    static ConnectionAttempts from(Configuration properties) {
        return new ConnectionAttempts(properties.getInt(RETRIES, DEFAULT_RETRIES),
            Duration.ofMillis(properties.getLong(MIN_DELAY, DEFAULT_MIN_DELAY.toMillis())),
            Duration.ofMillis(properties.getLong(MAX_DELAY, DEFAULT_MAX_DELAY.toMillis())));
    }

    /** The retries of a lost connection, for whoever asks for the current one. */
    RetryBackoffSpec retries() {
        return Retry.backoff(retries, minDelay).maxBackoff(maxDelay).scheduler(Schedulers.boundedElastic());
    }

    Duration maxDelay() {
        return maxDelay;
    }

    /** James's pool tries the connection once per request: {@link #retries()} does the retrying. */
    static SimpleConnectionPool.Configuration singleAttemptPool() {
        return SimpleConnectionPool.Configuration.builder().retries(0).initialDelay(DEFAULT_MIN_DELAY);
    }

    /**
     * The broker settings of {@code properties}, read by James, with its connection factory making one attempt per
     * connection instead of blocking its caller through its own retries.
     */
    static RabbitMQConfiguration singleAttemptFactory(Configuration properties) {
        RabbitMQConfiguration james = RabbitMQConfiguration.from(properties);
        return RabbitMQConfiguration.builder()
            .amqpUri(james.getUri())
            .managementUri(james.getManagementUri())
            .managementCredentials(james.getManagementCredentials())
            .maxRetries(0)
            .minDelayInMs((int) DEFAULT_MIN_DELAY.toMillis())
            .connectionTimeoutInMs(james.getConnectionTimeoutInMs())
            .channelRpcTimeoutInMs(james.getChannelRpcTimeoutInMs())
            .handshakeTimeoutInMs(james.getHandshakeTimeoutInMs())
            .shutdownTimeoutInMs(james.getShutdownTimeoutInMs())
            .networkRecoveryIntervalInMs(james.getNetworkRecoveryIntervalInMs())
            .useSsl(james.useSsl())
            .useSslManagement(james.useSslManagement())
            .sslConfiguration(james.getSslConfiguration())
            // Not readable back from James's object: read as James reads them.
            .useQuorumQueues(properties.getBoolean("quorum.queues.enable", null))
            .quorumQueueReplicationFactor(Optional.ofNullable(properties.getInteger("quorum.queues.replication.factor", null)))
            .hosts(james.rabbitMQHosts())
            .queueTTL(james.getQueueTTL())
            .eventBusNotificationDurabilityEnabled(james.isEventBusNotificationDurabilityEnabled())
            .eventBusPublishConfirmEnabled(james.isEventBusPublishConfirmEnabled())
            .vhost(james.getVhost())
            .build();
    }
}
