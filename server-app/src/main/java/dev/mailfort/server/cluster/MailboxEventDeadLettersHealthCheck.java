/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import javax.inject.Inject;

import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.apache.james.backends.rabbitmq.RabbitMQManagementAPI;
import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.apache.james.events.NamingStrategy;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Degraded while RabbitMQ's dead-letter queue of mailbox events holds events: a listener (quota, message deletion...)
 * kept failing on them and their effect is missing until an admin redelivers them.
 *
 * <p>Replaces James's check, which also reads the JMAP bus's dead-letter queue: Mailfort runs no JMAP, that queue never
 * exists, and James's check would report the cluster unhealthy for ever.
 */
public class MailboxEventDeadLettersHealthCheck implements HealthCheck {
    private static final ComponentName COMPONENT = new ComponentName("RabbitMQ mailbox event dead letters");
    private static final String DEFAULT_VHOST = "/";

    private final RabbitMQManagementAPI api;
    private final String vhost;

    @Inject
    public MailboxEventDeadLettersHealthCheck(RabbitMQConfiguration configuration) {
        this.api = RabbitMQManagementAPI.from(configuration);
        this.vhost = configuration.getVhost().orElse(DEFAULT_VHOST);
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Mono<Result> check() {
        String queue = NamingStrategy.MAILBOX_EVENT_NAMING_STRATEGY.deadLetterQueue().getName();
        return Mono.fromCallable(() -> api.queueDetails(vhost, queue).getQueueLength())
            .map(length -> length == 0 ? Result.healthy(COMPONENT)
                : Result.degraded(COMPONENT, length + " mailbox events failed and wait in RabbitMQ queue " + queue))
            .onErrorResume(e -> Mono.just(Result.unhealthy(COMPONENT, "Cannot read RabbitMQ queue " + queue, e)))
            // The management API client blocks.
            .subscribeOn(Schedulers.boundedElastic());
    }
}
