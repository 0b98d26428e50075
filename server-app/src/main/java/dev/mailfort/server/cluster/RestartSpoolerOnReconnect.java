/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import javax.inject.Inject;

import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.mailetcontainer.impl.JamesMailSpooler;
import org.reactivestreams.Publisher;

import com.rabbitmq.client.Connection;

import reactor.core.publisher.Mono;

/**
 * Restarts the spooler's consumption of the spool queue after the connection to RabbitMQ came back: its consumer
 * belonged to the lost connection, and without a restart this node would accept mail and never process it.
 */
public class RestartSpoolerOnReconnect implements SimpleConnectionPool.ReconnectionHandler {
    private final JamesMailSpooler spooler;

    @Inject
    public RestartSpoolerOnReconnect(JamesMailSpooler spooler) {
        this.spooler = spooler;
    }

    @Override
    public Publisher<Void> handleReconnection(Connection connection) {
        return Mono.fromRunnable(spooler::restart);
    }
}
