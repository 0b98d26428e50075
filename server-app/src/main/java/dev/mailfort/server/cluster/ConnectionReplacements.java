/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.reactivestreams.Publisher;

import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tells mail queue consumers that the connection to RabbitMQ was replaced, so that they consume again on the new
 * one.
 *
 * <p>A consumer is not told by RabbitMQ's client: when the broker goes away, the client's automatic recovery keeps the
 * consumer waiting for the old connection to come back, and that connection is then closed for good
 * ({@link ReplacedConnectionCloser}) without its consumers ever being ended. RemoteDelivery's consumer waited for ever
 * and this node sent no outgoing mail after a broker restart.
 */
public final class ConnectionReplacements implements SimpleConnectionPool.ReconnectionHandler {
    private final Sinks.Many<Connection> replacements = Sinks.many().multicast().directBestEffort();

    @Override
    public Publisher<Void> handleReconnection(Connection connection) {
        return Mono.fromRunnable(() -> announce(connection));
    }

    /** Completes at the next replacement after the subscription. */
    public Mono<Void> next() {
        return replacements.asFlux().next().then();
    }

    private synchronized void announce(Connection connection) {
        // Synchronized because a sink refuses concurrent emissions; without subscribers there is nobody to tell.
        replacements.tryEmitNext(connection);
    }
}
