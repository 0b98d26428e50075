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
 * Restarts the spooler once the connection to RabbitMQ was replaced after an outage.
 *
 * <p>Its consumer of the spool consumes again by itself ({@link DelayHonouringMailQueue}), but the spooler's worker
 * threads may still be held by mail that was being processed when the broker went away: such a mail waits, for
 * minutes, for a RabbitMQ connection (James's connection factory backs off up to several minutes between attempts),
 * and while every worker waits no new mail is taken, even with the broker back. A restarted spooler has fresh
 * workers; the held mail, never acknowledged, is delivered again.
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
