/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class ConnectionAttemptsTest {
    @Test
    void theBrokerSettingsAreJamesOwnButTheFactoryTriesOnce() {
        Configuration properties = brokerProperties();
        properties.addProperty("quorum.queues.enable", "true");
        properties.addProperty("quorum.queues.replication.factor", "3");
        properties.addProperty("notification.queue.ttl", "60000");
        properties.addProperty("event.bus.publish.confirm.enabled", "false");
        properties.addProperty("hosts", "rabbit-1:5672");
        properties.addProperty("hosts", "rabbit-2:5673");

        RabbitMQConfiguration james = RabbitMQConfiguration.from(properties);
        RabbitMQConfiguration ours = ConnectionAttempts.singleAttemptFactory(properties);

        assertThat(ours.getMaxRetries()).isZero();
        assertThat(ours.getUri()).isEqualTo(james.getUri());
        assertThat(ours.getManagementUri()).isEqualTo(james.getManagementUri());
        assertThat(ours.getManagementCredentials()).isEqualTo(james.getManagementCredentials());
        assertThat(ours.getVhost()).isEqualTo(james.getVhost());
        assertThat(ours.rabbitMQHosts()).isEqualTo(james.rabbitMQHosts()).hasSize(2);
        assertThat(ours.getQueueTTL()).isEqualTo(james.getQueueTTL()).contains(60000L);
        assertThat(ours.isEventBusPublishConfirmEnabled()).isFalse();
        assertThat(ours.isEventBusNotificationDurabilityEnabled()).isEqualTo(james.isEventBusNotificationDurabilityEnabled());
        assertThat(ours.useSsl()).isEqualTo(james.useSsl());
        assertThat(ours.getSslConfiguration()).isEqualTo(james.getSslConfiguration());
        assertThat(ours.workQueueArgumentsBuilder(true).build()).isEqualTo(james.workQueueArgumentsBuilder(true).build())
            .containsEntry("x-queue-type", "quorum");
        assertThat(ours.getConnectionTimeoutInMs()).isEqualTo(james.getConnectionTimeoutInMs());
        assertThat(ours.getNetworkRecoveryIntervalInMs()).isEqualTo(james.getNetworkRecoveryIntervalInMs());
    }

    @Test
    void aLostConnectionIsTriedAgainAsConfiguredWithTheDelayCapped() {
        Configuration properties = brokerProperties();
        properties.addProperty(ConnectionAttempts.RETRIES, "6");
        properties.addProperty(ConnectionAttempts.MIN_DELAY, "10");
        properties.addProperty(ConnectionAttempts.MAX_DELAY, "20");
        ConnectionAttempts attempts = ConnectionAttempts.from(properties);
        AtomicInteger tries = new AtomicInteger();
        Mono<String> connection = Mono.defer(() -> tries.incrementAndGet() < 7
            ? Mono.error(new IllegalStateException("broker down")) : Mono.just("connected"));

        assertThat(connection.retryWhen(attempts.retries()).block()).isEqualTo("connected");
        assertThat(tries).hasValue(7);
        assertThat(attempts.retries().minBackoff).isEqualTo(Duration.ofMillis(10));
        assertThat(attempts.retries().maxBackoff).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void theDefaultsBringANodeBackWithinTwoSecondsOfTheBroker() {
        ConnectionAttempts defaults = ConnectionAttempts.from(brokerProperties());

        assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.retries().maxBackoff).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.retries().maxAttempts).isEqualTo(10);
    }

    @Test
    void aMaximumBelowTheFirstDelayIsRefused() {
        Configuration properties = brokerProperties();
        properties.addProperty(ConnectionAttempts.MIN_DELAY, "500");
        properties.addProperty(ConnectionAttempts.MAX_DELAY, "100");

        assertThatThrownBy(() -> ConnectionAttempts.from(properties))
            .hasMessage("connection.pool.max.delay.ms must be at least connection.pool.min.delay.ms");
    }

    private static Configuration brokerProperties() {
        Configuration properties = new BaseConfiguration();
        properties.addProperty("uri", "amqp://rabbitmq:5672");
        properties.addProperty("management.uri", "http://rabbitmq:15672");
        properties.addProperty("management.user", "guest");
        properties.addProperty("management.password", "guest");
        properties.addProperty("vhost", "mail");
        return properties;
    }
}
