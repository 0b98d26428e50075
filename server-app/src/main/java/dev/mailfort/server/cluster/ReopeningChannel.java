/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;

/**
 * One channel for declaring queues, opened again on the current connection once it is closed. A channel opened once
 * and cached for ever (as James's sender does) dies with the connection it was opened on: after a RabbitMQ restart
 * every declaration would fail, and with it every delayed retry.
 */
final class ReopeningChannel {
    private final Mono<Connection> connection;
    private Channel channel;

    ReopeningChannel(Mono<Connection> connection) {
        this.connection = connection;
    }

    Mono<Channel> get() {
        return Mono.defer(() -> {
            Channel open = currentIfOpen();
            return open != null ? Mono.just(open) : connection.map(this::replace);
        });
    }

    private synchronized Channel currentIfOpen() {
        return channel != null && channel.isOpen() ? channel : null;
    }

    private synchronized Channel replace(Connection current) {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        try {
            channel = current.createChannel();
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a RabbitMQ channel", e);
        }
    }
}
