/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;

/**
 * Closes a RabbitMQ connection for good once a newer one is in use.
 *
 * <p>After a broker outage James's connection pool opens a new connection, but the old one, left open, recovers by
 * itself (the client's automatic recovery) together with the consumers it had, among them the consumer of the
 * spooler that the reconnection just replaced. RabbitMQ then shares the spool between the live consumer and that
 * orphan, whose mail nobody processes or acknowledges: a node delivered one message in two and then stalled.
 */
final class ReplacedConnectionCloser {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplacedConnectionCloser.class);

    private final Map<Connection, Long> seen = new IdentityHashMap<>();
    private long newest;

    /** The connections {@code connections} gives, each closing the ones handed out before it. */
    Mono<Connection> closingPredecessors(Mono<Connection> connections) {
        return connections.doOnNext(this::use);
    }

    private void use(Connection connection) {
        for (Connection replaced : replacedBy(connection)) {
            LOGGER.warn("Closing the RabbitMQ connection {} replaced after an outage, and its consumers", replaced);
            replaced.abort();
        }
    }

    private synchronized Iterable<Connection> replacedBy(Connection connection) {
        if (!seen.containsKey(connection)) {
            seen.put(connection, ++newest);
        }
        long order = seen.get(connection);
        if (order < newest) {
            return List.of();
        }
        List<Connection> older = new ArrayList<>();
        seen.entrySet().removeIf(entry -> {
            if (entry.getValue() < order) {
                older.add(entry.getKey());
                return true;
            }
            return false;
        });
        return older;
    }
}
