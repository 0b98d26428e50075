/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;

import java.io.FileNotFoundException;
import java.util.Set;

import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.backends.rabbitmq.RabbitMQHealthCheck;
import org.apache.james.backends.rabbitmq.ReactorRabbitMQChannelPool;
import org.apache.james.backends.rabbitmq.ReceiverProvider;
import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.ReceiverOptions;
import reactor.rabbitmq.Sender;

/**
 * The connection of a cluster node to RabbitMQ, read from {@code conf/rabbitmq.properties}: one resilient connection,
 * a channel pool, and the {@link Sender} and receivers that the mail queue and the event bus share.
 *
 * <p>The sender is a {@link DelayedPublicationSender}, so that a mail queued with a delay (a retry) waits in RabbitMQ
 * rather than being retried at once: James's RabbitMQ queue ignores delays.
 */
public class RabbitMQConnectionModule extends AbstractModule {
    static final String CURRENT_CONNECTION = "mailfort-rabbitmq-connection";
    /** How often a lost connection is noticed when nothing else asks for one, see {@link ConnectionWatchdog}. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

    @Override
    protected void configure() {
        bind(SimpleConnectionPool.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(RabbitMQHealthCheck.class);
        // Declared here so that the set exists even when no module adds a handler.
        Multibinder.newSetBinder(binder(), SimpleConnectionPool.ReconnectionHandler.class)
            .addBinding().to(ConnectionReplacements.class);
        bind(ConnectionReplacements.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    @Named(ClusterMode.RABBITMQ_CONFIGURATION)
    Configuration rabbitMQProperties(PropertiesProvider properties) throws ConfigurationException {
        try {
            return properties.getConfiguration(ClusterMode.RABBITMQ_CONFIGURATION);
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("Cluster mode needs conf/rabbitmq.properties", e);
        }
    }

    @Provides
    @Singleton
    RabbitMQConfiguration rabbitMQConfiguration(@Named(ClusterMode.RABBITMQ_CONFIGURATION) Configuration properties) {
        return ConnectionAttempts.singleAttemptFactory(properties);
    }

    @Provides
    @Singleton
    ConnectionAttempts connectionAttempts(@Named(ClusterMode.RABBITMQ_CONFIGURATION) Configuration properties) {
        return ConnectionAttempts.from(properties);
    }

    @Provides
    @Singleton
    SimpleConnectionPool.Configuration connectionPoolSettings() {
        return ConnectionAttempts.singleAttemptPool();
    }

    @Provides
    @Singleton
    ReactorRabbitMQChannelPool.Configuration channelPoolSettings(@Named(ClusterMode.RABBITMQ_CONFIGURATION) Configuration properties) {
        return ReactorRabbitMQChannelPool.Configuration.from(properties);
    }

    /**
     * The pool's current connection, retried as {@link ConnectionAttempts} says; one that it replaced is closed, see
     * {@link ReplacedConnectionCloser}.
     */
    @Provides
    @Singleton
    @Named(CURRENT_CONNECTION)
    Mono<Connection> currentConnection(SimpleConnectionPool connections, ConnectionAttempts attempts) {
        return new ReplacedConnectionCloser().closingPredecessors(
            connections.getResilientConnection().retryWhen(attempts.retries()));
    }

    @Provides
    @Singleton
    ReactorRabbitMQChannelPool channelPool(@Named(CURRENT_CONNECTION) Mono<Connection> connection,
                                           ReactorRabbitMQChannelPool.Configuration settings, MetricFactory metricFactory) {
        ReactorRabbitMQChannelPool pool = new ReactorRabbitMQChannelPool(connection, settings, metricFactory);
        pool.start();
        return pool;
    }

    @Provides
    @Singleton
    Sender sender(@Named(CURRENT_CONNECTION) Mono<Connection> connection, ReactorRabbitMQChannelPool channelPool) {
        return DelayedPublicationSender.create(connection, channelPool);
    }

    @Provides
    @Singleton
    ReceiverProvider receivers(@Named(CURRENT_CONNECTION) Mono<Connection> connection) {
        return () -> RabbitFlux.createReceiver(new ReceiverOptions().connectionMono(connection));
    }

    @Provides
    @Singleton
    ConnectionWatchdog watchdog(@Named(CURRENT_CONNECTION) Mono<Connection> connection) {
        return new ConnectionWatchdog(connection, WATCH_INTERVAL);
    }

    @ProvidesIntoSet
    InitializationOperation watchConnection(ConnectionWatchdog watchdog) {
        return InitilizationOperationBuilder.forClass(ConnectionWatchdog.class).init(watchdog::start);
    }

    @ProvidesIntoSet
    InitializationOperation connect(SimpleConnectionPool connections, Set<SimpleConnectionPool.ReconnectionHandler> handlers) {
        return InitilizationOperationBuilder.forClass(SimpleConnectionPool.class).init(() -> connections.init(handlers));
    }
}
