/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

import org.apache.james.core.healthcheck.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.dns.DnsSettings;
import dev.mailfort.senderauth.dns.DnsjavaResolver;
import dev.mailfort.testing.dns.DnsmasqZone;
import dev.mailfort.testing.dns.LocalDnsmasq;
import reactor.core.publisher.Mono;

/** Against a real dnsmasq on loopback. */
class DnsHealthCheckTest {
    private static LocalDnsmasq dns;

    @BeforeAll
    static void startDns() {
        dns = LocalDnsmasq.start(DnsmasqZone.local("example.com").mx("example.com", "mx.example.com", 10));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @Test
    void healthyWhenTheResolverAnswers() {
        Result result = check(dns.host(), dns.port(), "example.com");

        assertThat(result.isHealthy()).isTrue();
    }

    @Test
    void aNameThatDoesNotExistStillProvesTheResolverWorks() {
        Result result = check(dns.host(), dns.port(), "nothing-here.example.com");

        assertThat(result.isHealthy()).isTrue();
    }

    @Test
    void degradedWithTheReasonWhenNoResolverAnswers() throws IOException {
        int silentPort;
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silentPort = silent.getLocalPort();
        }

        Result result = check("127.0.0.1", silentPort, "example.com");

        assertThat(result.isDegraded()).isTrue();
        assertThat(result.getCause()).hasValueSatisfying(cause -> assertThat(cause)
            .startsWith("no DNS answer for MX example.com").contains("inbound mail is deferred with 451"));
    }

    @Test
    void switchedOffIsAlwaysHealthy() {
        Result result = Mono.from(new DnsHealthCheck(Optional.empty(), () -> "example.com").check()).block();

        assertThat(result.isHealthy()).isTrue();
    }

    private static Result check(String host, int port, String name) {
        DnsjavaResolver resolver = new DnsjavaResolver(DnsSettings.builder().server(host, port)
            .timeout(Duration.ofSeconds(2)).retries(0).build());
        return Mono.from(new DnsHealthCheck(Optional.of(resolver), () -> name).check()).block();
    }
}
