/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where tests reach Cassandra's native (CQL) port, and the data center a driver must treat as local.
 *
 * @param host a host name or address; loopback for the nodes this module starts
 * @param port the native transport port
 * @param localDatacenter the data center of the contact point, {@code datacenter1} unless configured otherwise
 */
public record CassandraEndpoint(String host, int port, String localDatacenter) {
    public static final int DEFAULT_PORT = 9042;
    public static final String DEFAULT_DATACENTER = "datacenter1";

    public CassandraEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(localDatacenter, "localDatacenter");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Cassandra host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
    }

    /** Unresolved, so it can be built before the name resolves; the driver resolves it when connecting. */
    public InetSocketAddress contactPoint() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code host:port}, the format of the {@code CASSANDRA_CONTACT_POINT} variable. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return hostAndPort() + " (" + localDatacenter + ")";
    }
}
