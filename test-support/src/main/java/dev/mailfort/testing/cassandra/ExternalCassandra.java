/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.util.Map;
import java.util.Optional;

/**
 * A Cassandra started outside the tests, named by environment variables; {@code .ci/run} uses it to share one
 * node between all test JVMs.
 *
 * <ul>
 *   <li>{@code CASSANDRA_CONTACT_POINT}: {@code host:port}, or {@code host} for port 9042; IPv6 addresses in
 *       brackets, e.g. {@code [::1]:9042}</li>
 *   <li>{@code CASSANDRA_LOCAL_DC}: the data center of that node, {@code datacenter1} if unset</li>
 * </ul>
 */
public final class ExternalCassandra {
    public static final String CONTACT_POINT_VARIABLE = "CASSANDRA_CONTACT_POINT";
    public static final String LOCAL_DC_VARIABLE = "CASSANDRA_LOCAL_DC";

    private ExternalCassandra() {
    }

    /** Empty if the contact point variable is unset or blank; an invalid value fails rather than being ignored. */
    public static Optional<CassandraEndpoint> fromEnvironment(Map<String, String> environment) {
        String contactPoint = environment.get(CONTACT_POINT_VARIABLE);
        if (contactPoint == null || contactPoint.isBlank()) {
            return Optional.empty();
        }
        String datacenter = Optional.ofNullable(environment.get(LOCAL_DC_VARIABLE))
            .map(String::trim)
            .filter(dc -> !dc.isEmpty())
            .orElse(CassandraEndpoint.DEFAULT_DATACENTER);
        return Optional.of(parse(contactPoint, datacenter));
    }

    public static CassandraEndpoint parse(String contactPoint, String localDatacenter) {
        String text = contactPoint.trim();
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(contactPoint, "no closing bracket");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(contactPoint, "unexpected text after the address");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = text.indexOf(':');
            if (colon != text.lastIndexOf(':')) {
                throw invalid(contactPoint, "put an IPv6 address in brackets");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw invalid(contactPoint, "no host");
        }
        return new CassandraEndpoint(host, port == null ? CassandraEndpoint.DEFAULT_PORT : parsePort(contactPoint, port),
            localDatacenter);
    }

    private static int parsePort(String contactPoint, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw invalid(contactPoint, "port out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(contactPoint, "port is not a number");
        }
    }

    private static IllegalArgumentException invalid(String contactPoint, String reason) {
        return new IllegalArgumentException(CONTACT_POINT_VARIABLE + " must be host or host:port, not '"
            + contactPoint + "' (" + reason + ")");
    }
}
