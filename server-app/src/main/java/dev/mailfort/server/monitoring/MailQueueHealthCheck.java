/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import java.time.Clock;
import java.time.Duration;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * WebAdmin's {@code /healthcheck/checks/MailQueue}: is the spool keeping up? Degraded when it holds more than
 * {@code maxSize} mails or its oldest mail waits longer than {@code maxAge}: mail is safe in the queue but late,
 * typically because a scanner or Cassandra is slow or down (their own checks say which).
 */
final class MailQueueHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("MailQueue");

    private final QueueStatistics spool;
    private final long maxSize;
    private final Duration maxAge;
    private final Clock clock;

    MailQueueHealthCheck(QueueStatistics spool, long maxSize, Duration maxAge, Clock clock) {
        this.spool = spool;
        this.maxSize = maxSize;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::evaluate).subscribeOn(Schedulers.boundedElastic());
    }

    private Result evaluate() {
        long size = spool.size();
        Duration oldest = spool.oldestAge(clock);
        if (size > maxSize || oldest.compareTo(maxAge) > 0) {
            return Result.degraded(COMPONENT, spool.name() + " queue holds " + size + " mails, the oldest waiting "
                + oldest.toSeconds() + " s (limits: " + maxSize + " mails, " + maxAge.toSeconds() + " s)");
        }
        return Result.healthy(COMPONENT);
    }
}
