/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Connection;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Asks for the current RabbitMQ connection every few seconds, so that a lost connection is replaced, and the
 * consumers told ({@link ConnectionReplacements}), even when nothing is published. James's pool replaces a
 * connection only when someone asks for one: after a broker restart on a quiet node, retries coming back from
 * their delay and mail queued by other nodes waited for the next mail this node received.
 */
final class ConnectionWatchdog implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionWatchdog.class);

    private final Mono<Connection> currentConnection;
    private final Duration interval;
    private Disposable checks = Disposables.disposed();

    ConnectionWatchdog(Mono<Connection> currentConnection, Duration interval) {
        this.currentConnection = currentConnection;
        this.interval = interval;
    }

    synchronized void start() {
        checks.dispose();
        checks = Flux.interval(interval, interval, Schedulers.boundedElastic())
            // Ticks that come while a reconnection is still being tried are not needed.
            .onBackpressureDrop()
            .concatMap(tick -> currentConnection
                .onErrorResume(e -> {
                    LOGGER.warn("RabbitMQ is unreachable ({}); trying again in {}", e.toString(), interval);
                    return Mono.empty();
                }), 1)
            // Only at shutdown, when the schedulers are gone.
            .subscribe(any -> { }, e -> LOGGER.info("Stopped watching the RabbitMQ connection: {}", e.toString()));
    }

    @PreDestroy
    synchronized void stop() {
        checks.dispose();
    }
}
