/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.util.DurationParser;

import com.google.common.net.HostAndPort;

import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dns.DnsSettings;
import dev.mailfort.senderauth.results.AuthenticationResults;
import dev.mailfort.senderauth.spf.SpfLimits;

/**
 * The parameters of {@link CheckSenderAuthenticity}, read from its handler element (see the names and defaults
 * there). Immutable.
 *
 * @param authservId  our authserv-id; empty means the server's HELO name
 * @param dnsServers  resolvers to ask; empty means those of dnsservice.xml (or the system's)
 */
record SenderAuthSettings(Optional<String> authservId, List<InetSocketAddress> dnsServers, Duration dnsTimeout,
                          int dnsRetries, SpfLimits spfLimits, int dkimMaxSignatures, int dkimMinRsaKeyBits,
                          SenderAuthPolicy policy, TrustedRelays trustedRelays) {
    static final int DNS_PORT = 53;

    /** @throws IllegalArgumentException naming the parameter that is wrong */
    static SenderAuthSettings from(Configuration config) {
        Optional<String> authservId = text(config, "authservId");
        authservId.ifPresent(id -> AuthenticationResults.forAuthservId(id));
        SpfLimits rfc = SpfLimits.RFC_7208;
        SpfLimits spf = new SpfLimits(
            positive(config, "spfMaxDnsLookups", rfc.maxDnsMechanisms()),
            positive(config, "spfMaxVoidLookups", rfc.maxVoidLookups()),
            rfc.maxMxRecords(),
            rfc.maxPtrNames(),
            duration(config, "spfTimeout", rfc.maxDuration()));
        SenderAuthPolicy policy = new SenderAuthPolicy(
            SenderAuthPolicy.Action.parse("onDmarcReject", text(config, "onDmarcReject").orElse("reject")),
            SenderAuthPolicy.Action.parse("onDmarcQuarantine", text(config, "onDmarcQuarantine").orElse("quarantine")),
            choice(config, "onTemporaryError", "tempfail", "accept"),
            choice(config, "onUnusableFrom", "reject", "accept"),
            choice(config, "onLocalDomainSpoofing", "reject", "accept"));
        return new SenderAuthSettings(authservId,
            servers(text(config, "dnsServers").orElse("")),
            duration(config, "dnsTimeout", DnsSettings.DEFAULT_TIMEOUT),
            nonNegative(config, "dnsRetries", DnsSettings.DEFAULT_RETRIES),
            spf,
            positive(config, "dkimMaxSignatures", DkimChecker.DEFAULT_MAX_SIGNATURES),
            positive(config, "dkimMinRsaKeyBits", DkimChecker.DEFAULT_MINIMUM_RSA_KEY_BITS),
            policy,
            parseTrustedRelays(text(config, "trustedRelays").orElse("")));
    }

    /** The resolver settings, with {@code fallbackServers} when no server is configured here. */
    DnsSettings dnsSettings(List<InetSocketAddress> fallbackServers) {
        DnsSettings.Builder builder = DnsSettings.builder().timeout(dnsTimeout).retries(dnsRetries);
        (dnsServers.isEmpty() ? fallbackServers : dnsServers).forEach(builder::server);
        return builder.build();
    }

    /** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address, comma-separated. */
    static List<InetSocketAddress> servers(String list) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : list.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                HostAndPort server = HostAndPort.fromString(entry).withDefaultPort(DNS_PORT);
                servers.add(new InetSocketAddress(server.getHost(), server.getPort()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dnsServers: not a host or host:port: '" + entry + "'");
            }
        }
        return List.copyOf(servers);
    }

    private static TrustedRelays parseTrustedRelays(String list) {
        try {
            return TrustedRelays.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trustedRelays: " + e.getMessage());
        }
    }

    private static Optional<String> text(Configuration config, String name) {
        return Optional.ofNullable(config.getString(name, null)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static boolean choice(Configuration config, String name, String yes, String no) {
        String value = text(config, name).orElse(yes).toLowerCase(Locale.ROOT);
        if (value.equals(yes)) {
            return true;
        }
        if (value.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be " + yes + " or " + no + ", not '" + value + "'");
    }

    private static Duration duration(Configuration config, String name, Duration fallback) {
        Optional<String> value = text(config, name);
        if (value.isEmpty()) {
            return fallback;
        }
        Duration duration;
        try {
            duration = DurationParser.parse(value.get(), ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": not a duration such as 5s or 500ms: '" + value.get() + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: '" + value.get() + "'");
        }
        return duration;
    }

    private static int positive(Configuration config, String name, int fallback) {
        int value = integer(config, name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return value;
    }

    private static int nonNegative(Configuration config, String name, int fallback) {
        int value = integer(config, name, fallback);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    private static int integer(Configuration config, String name, int fallback) {
        Optional<String> value = text(config, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value.get() + "'");
        }
    }
}
