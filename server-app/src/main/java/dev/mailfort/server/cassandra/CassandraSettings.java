/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

/**
 * How this server reaches Cassandra, read from {@code conf/cassandra.properties}.
 *
 * <p>Key names follow James's own where James has one, so an admin coming from James finds them. James's tuning keys
 * (consistency, batch sizes...) stay in the same file and are read by James's {@code CassandraConfiguration}.
 */
public final class CassandraSettings {
    public enum ReplicationStrategy { SimpleStrategy, NetworkTopologyStrategy }

    public static final int DEFAULT_PORT = 9042;
    public static final String DEFAULT_KEYSPACE = "mailfort";
    public static final String DEFAULT_LOCAL_DC = "datacenter1";

    private final List<InetSocketAddress> contactPoints;
    private final String keyspace;
    private final boolean createKeyspace;
    private final ReplicationStrategy replicationStrategy;
    private final int replicationFactor;
    private final String localDatacenter;
    private final Optional<String> username;
    private final Optional<String> password;
    private final int maxConnectionRetries;
    private final Duration firstRetryDelay;
    private final Duration requestTimeout;
    private final DefaultConsistencyLevel regularConsistency;
    private final DefaultConsistencyLevel lightweightTransactionConsistency;

    private CassandraSettings(List<InetSocketAddress> contactPoints, String keyspace, boolean createKeyspace,
                              ReplicationStrategy replicationStrategy, int replicationFactor, String localDatacenter,
                              Optional<String> username, Optional<String> password, int maxConnectionRetries,
                              Duration firstRetryDelay, Duration requestTimeout,
                              DefaultConsistencyLevel regularConsistency, DefaultConsistencyLevel lightweightTransactionConsistency) {
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("cassandra.nodes must name at least one node");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("cassandra.user and cassandra.password go together");
        }
        if (!keyspace.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            // The keyspace name is spliced into CREATE KEYSPACE: only plain CQL identifiers are accepted.
            throw new IllegalArgumentException("cassandra.keyspace must be a letter then up to 47 letters, digits or '_': " + keyspace);
        }
        if (!lightweightTransactionConsistency.isSerial()) {
            throw new IllegalArgumentException("cassandra.consistency_level.lightweight_transaction must be SERIAL or LOCAL_SERIAL");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("cassandra.replication.factor must be at least 1");
        }
        this.contactPoints = List.copyOf(contactPoints);
        this.keyspace = keyspace;
        this.createKeyspace = createKeyspace;
        this.replicationStrategy = replicationStrategy;
        this.replicationFactor = replicationFactor;
        this.localDatacenter = localDatacenter;
        this.username = username;
        this.password = password;
        this.maxConnectionRetries = maxConnectionRetries;
        this.firstRetryDelay = firstRetryDelay;
        this.requestTimeout = requestTimeout;
        this.regularConsistency = regularConsistency;
        this.lightweightTransactionConsistency = lightweightTransactionConsistency;
    }

    public static CassandraSettings from(Configuration conf) {
        return new CassandraSettings(
            parseContactPoints(conf.getString("cassandra.nodes", "127.0.0.1:" + DEFAULT_PORT)),
            conf.getString("cassandra.keyspace", DEFAULT_KEYSPACE),
            conf.getBoolean("cassandra.keyspace.create", true),
            ReplicationStrategy.valueOf(conf.getString("cassandra.replication.strategy", ReplicationStrategy.SimpleStrategy.name())),
            conf.getInt("cassandra.replication.factor", 1),
            conf.getString("cassandra.local.dc", DEFAULT_LOCAL_DC),
            Optional.ofNullable(conf.getString("cassandra.user", null)).filter(s -> !s.isBlank()),
            Optional.ofNullable(conf.getString("cassandra.password", null)).filter(s -> !s.isBlank()),
            conf.getInt("cassandra.retryConnection.maxRetries", 60),
            Duration.ofMillis(conf.getLong("cassandra.retryConnection.minDelay", 1000)),
            Duration.ofMillis(conf.getLong("cassandra.request.timeout", 5000)),
            consistency(conf, "cassandra.consistency_level.regular", DefaultConsistencyLevel.QUORUM),
            consistency(conf, "cassandra.consistency_level.lightweight_transaction", DefaultConsistencyLevel.SERIAL));
    }

    private static DefaultConsistencyLevel consistency(Configuration conf, String key, DefaultConsistencyLevel fallback) {
        String value = conf.getString(key, fallback.name()).trim().toUpperCase(Locale.ROOT);
        try {
            return DefaultConsistencyLevel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a Cassandra consistency level: " + value, e);
        }
    }

    static List<InetSocketAddress> parseContactPoints(String nodes) {
        return Arrays.stream(nodes.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(CassandraSettings::parseNode)
            .collect(Collectors.toUnmodifiableList());
    }

    private static InetSocketAddress parseNode(String node) {
        int colon = node.lastIndexOf(':');
        // A bare IPv6 literal has colons but no port: only "[addr]:port" or "host:port" carry one.
        boolean hasPort = colon > 0 && (node.indexOf(':') == colon || node.startsWith("["));
        String host = hasPort ? node.substring(0, colon) : node;
        int port = hasPort ? Integer.parseInt(node.substring(colon + 1)) : DEFAULT_PORT;
        return InetSocketAddress.createUnresolved(host.replace("[", "").replace("]", ""), port);
    }

    /** The CQL replication map for a new keyspace. */
    public String replicationCql() {
        if (replicationStrategy == ReplicationStrategy.SimpleStrategy) {
            return String.format(Locale.ROOT, "{'class': 'SimpleStrategy', 'replication_factor': %d}", replicationFactor);
        }
        return String.format(Locale.ROOT, "{'class': 'NetworkTopologyStrategy', '%s': %d}", localDatacenter, replicationFactor);
    }

    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    public String keyspace() {
        return keyspace;
    }

    public boolean createKeyspace() {
        return createKeyspace;
    }

    public ReplicationStrategy replicationStrategy() {
        return replicationStrategy;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public String localDatacenter() {
        return localDatacenter;
    }

    public Optional<String> username() {
        return username;
    }

    public Optional<String> password() {
        return password;
    }

    public int maxConnectionRetries() {
        return maxConnectionRetries;
    }

    public Duration firstRetryDelay() {
        return firstRetryDelay;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Consistency of every ordinary read and write. QUORUM by default, as in James's distributed server: with a
     * replication factor of 3 a write and a later read always meet on one replica, and one node may be down.
     */
    public DefaultConsistencyLevel regularConsistency() {
        return regularConsistency;
    }

    /** Consistency of the Paxos phase of lightweight transactions (UID and MODSEQ allocation). */
    public DefaultConsistencyLevel lightweightTransactionConsistency() {
        return lightweightTransactionConsistency;
    }

    @Override
    public String toString() {
        return "contact points " + contactPoints + ", keyspace " + keyspace + ", local DC " + localDatacenter
            + ", replication " + replicationCql() + ", consistency " + regularConsistency + "/" + lightweightTransactionConsistency
            + (username.isPresent() ? ", authenticated" : "");
    }
}
