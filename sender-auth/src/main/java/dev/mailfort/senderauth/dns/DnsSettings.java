/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which resolvers {@link DnsjavaResolver} asks and how long it waits. Immutable; every value has a default
 * ({@link #defaults()}): no servers means the system's resolvers (/etc/resolv.conf).
 */
public final class DnsSettings {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 1;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int retries;
    private final boolean tcpOnly;

    private DnsSettings(Builder builder) {
        this.servers = List.copyOf(builder.servers);
        this.timeout = builder.timeout;
        this.retries = builder.retries;
        this.tcpOnly = builder.tcpOnly;
    }

    public static DnsSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The recursive resolvers to ask, in order; empty means the system's. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    /** The longest wait for one query, all servers and retries included. */
    public Duration timeout() {
        return timeout;
    }

    /** How many more times a query is sent when a server does not answer. */
    public int retries() {
        return retries;
    }

    /** Ask over TCP only (UDP answers that are truncated are retried over TCP anyway). */
    public boolean tcpOnly() {
        return tcpOnly;
    }

    public static final class Builder {
        private final List<InetSocketAddress> servers = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retries = DEFAULT_RETRIES;
        private boolean tcpOnly;

        private Builder() {
        }

        public Builder server(InetSocketAddress server) {
            servers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        public Builder server(String host, int port) {
            return server(new InetSocketAddress(host, port));
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative: " + retries);
            }
            this.retries = retries;
            return this;
        }

        public Builder tcpOnly(boolean tcpOnly) {
            this.tcpOnly = tcpOnly;
            return this;
        }

        public DnsSettings build() {
            return new DnsSettings(this);
        }
    }
}
