/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;
import dev.mailfort.senderauth.dns.RecordType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * WebAdmin's {@code /healthcheck/checks/DNS}: do the resolvers the server uses answer an MX query? Any answer counts,
 * "no such domain" included: the question is whether the resolver works, not what it knows.
 *
 * <p>No answer is "degraded": inbound mail gets 451 (SPF/DKIM/DMARC cannot be checked) and outbound mail waits in
 * the outgoing queue; nothing is lost and restarting the server would not help.
 */
final class DnsHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("DNS");

    private final Optional<DnsResolver> resolver;
    private final Supplier<String> probeName;

    /** @param resolver none when the check is switched off (a host without DNS, such as the integration tests) */
    DnsHealthCheck(Optional<DnsResolver> resolver, Supplier<String> probeName) {
        this.resolver = resolver;
        this.probeName = probeName;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::probe).subscribeOn(Schedulers.boundedElastic());
    }

    private Result probe() {
        if (resolver.isEmpty()) {
            return Result.healthy(COMPONENT);
        }
        String name = probeName.get();
        DnsAnswer answer = resolver.get().lookup(name, RecordType.MX);
        if (answer.isTemporaryFailure()) {
            return Result.degraded(COMPONENT, "no DNS answer for MX " + name + " (" + answer.detail()
                + "): inbound mail is deferred with 451 and outbound mail waits until DNS answers");
        }
        return Result.healthy(COMPONENT);
    }
}
