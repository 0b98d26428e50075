/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.health;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import dev.mailfort.scanning.clamav.ClamdClient;
import dev.mailfort.scanning.clamav.ClamdSettings;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * WebAdmin's {@code /healthcheck/checks/ClamAV}: does clamd answer {@code PING}? Down is "degraded", not "unhealthy":
 * mail is still accepted and waits in the queue until clamd is back (the pipeline fails closed), so the server is
 * not to be restarted for it, but an admin must act.
 */
class ClamdHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("ClamAV");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Optional<ClamdClient> client;

    ClamdHealthCheck(ScannerAddresses addresses) {
        this.client = addresses.clamd().map(address -> new ClamdClient(ClamdSettings.builder()
            .host(address.host())
            .port(address.port())
            .connectTimeout(TIMEOUT)
            .readTimeout(TIMEOUT)
            .build()));
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        if (client.isEmpty()) {
            return Mono.just(Result.healthy(COMPONENT));
        }
        ClamdClient clamd = client.get();
        return Mono.fromCallable(clamd::ping)
            .map(answers -> answers
                ? Result.healthy(COMPONENT)
                : Result.degraded(COMPONENT, "clamd at " + clamd.settings().host() + ":" + clamd.settings().port()
                    + " does not answer PING: mail waits in the queue (clamav-retry) until it does"))
            .subscribeOn(Schedulers.boundedElastic());
    }
}
