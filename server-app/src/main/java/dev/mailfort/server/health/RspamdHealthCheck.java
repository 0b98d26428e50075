/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.health;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import dev.mailfort.local.rspamd.RspamdPing;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * WebAdmin's {@code /healthcheck/checks/Rspamd}: does rspamd's worker answer {@code GET /ping}? Down is "degraded":
 * SMTP answers 451 and senders retry, mail already accepted waits in the queue (rspamd-retry); nothing is lost.
 */
class RspamdHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("Rspamd");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Optional<URI> rspamd;

    RspamdHealthCheck(ScannerAddresses addresses) {
        this.rspamd = addresses.rspamd();
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        if (rspamd.isEmpty()) {
            return Mono.just(Result.healthy(COMPONENT));
        }
        URI uri = rspamd.get();
        return Mono.fromCallable(() -> RspamdPing.answers(uri, TIMEOUT))
            .map(answers -> answers
                ? Result.healthy(COMPONENT)
                : Result.degraded(COMPONENT, "rspamd at " + uri + " does not answer: SMTP defers mail (451) and accepted "
                    + "mail waits in the queue (rspamd-retry) until it does"))
            .subscribeOn(Schedulers.boundedElastic());
    }
}
