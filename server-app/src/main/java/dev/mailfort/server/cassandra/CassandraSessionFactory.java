/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Opens the server's CQL session: waits for Cassandra, binds the session to the keyspace, and creates the keyspace
 * first when it is absent and creating it is allowed.
 *
 * <p>We do not use James's {@code ClusterFactory}: it probes the cluster with {@code dateof()}, a function Cassandra
 * 5.0 removed, and it only knows SimpleStrategy keyspaces.
 */
public final class CassandraSessionFactory {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSessionFactory.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    /** Measured on 2 cores: first start 13.4-16.0 s at 100 ms, 15.6-19.7 s at the driver's 1 s, 15.8-18.9 s at 20 ms. */
    static final Duration SCHEMA_REFRESH_WINDOW = Duration.ofMillis(100);

    private final CassandraSettings settings;

    public CassandraSessionFactory(CassandraSettings settings) {
        this.settings = settings;
    }

    /** Blocks until Cassandra answers (retrying with backoff, as a server boot usually races its database's). */
    public CqlSession open() {
        Duration delay = settings.firstRetryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return tryOpen();
            } catch (DriverException e) {
                // Only the driver's own failures (no node answering, time-outs) can heal by waiting; a bad
                // configuration or CQL error fails the start at once.
                if (attempt > settings.maxConnectionRetries()) {
                    throw new IllegalStateException("Cassandra unreachable after " + attempt + " attempts (" + settings + ")", e);
                }
                LOGGER.warn("Cassandra not reachable yet ({}): attempt {} of {}, next in {} ms", e.getMessage(), attempt,
                    settings.maxConnectionRetries() + 1, delay.toMillis());
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay.multipliedBy(2);
            }
        }
    }

    private CqlSession tryOpen() {
        try {
            return openOnKeyspace();
        } catch (InvalidKeyspaceException absent) {
            // A first start: the keyspace is looked for only when binding to it failed, so that a restart opens one
            // session, not two.
            if (!settings.createKeyspace()) {
                throw new IllegalStateException("Cassandra keyspace " + settings.keyspace()
                    + " does not exist and cassandra.keyspace.create is false: create it, or set that property to true", absent);
            }
            try (CqlSession withoutKeyspace = builder().build()) {
                createKeyspaceIfAbsent(withoutKeyspace);
            }
            return openOnKeyspace();
        }
    }

    private CqlSession openOnKeyspace() {
        CqlSession session = builder().withKeyspace(CqlIdentifier.fromCql(settings.keyspace())).build();
        try {
            logServerVersion(session);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private CqlSessionBuilder builder() {
        CqlSessionBuilder builder = CqlSession.builder()
            .addContactPoints(settings.contactPoints())
            .withLocalDatacenter(settings.localDatacenter())
            .withConfigLoader(configLoader());
        settings.username().ifPresent(user -> builder.withAuthCredentials(user, settings.password().orElseThrow()));
        return builder;
    }

    private DriverConfigLoader configLoader() {
        return DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, settings.requestTimeout())
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, settings.requestTimeout())
            // James 3.8.1 leaves consistency to the driver, whose default (LOCAL_ONE) would let a read miss a
            // write that one replica has not received yet: set them as James's distributed server does.
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.regularConsistency().name())
            .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, settings.lightweightTransactionConsistency().name())
            // Request latency and client time-outs, for /metrics (registered there by CassandraSessionModule).
            // Latencies up to a minute are recorded (schema creation takes seconds; the default cap is 3 s).
            .withDuration(DefaultDriverOption.METRICS_SESSION_CQL_REQUESTS_HIGHEST, Duration.ofMinutes(1))
            .withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED,
                List.of("cql-requests", "cql-client-timeouts", "throttling.errors"))
            .withStringList(DefaultDriverOption.METRICS_NODE_ENABLED,
                List.of("pool.open-connections", "errors.request.unavailables", "errors.request.write-timeouts",
                    "errors.request.read-timeouts"))
            // Closing a session waits until its event loops have been idle this long (2 s by default), which only
            // delays a stop: a session is closed once nothing uses it.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            // A schema change answers only once the driver has refreshed its schema metadata, and the driver waits
            // for this window (1 s by default) to pass without another change before refreshing. The first start's
            // keyspace, types and tables are created in three waves, and each wave paid the full second; 20 ms made
            // the refreshes (reads of all system_schema tables) compete with Cassandra's serialized table creation.
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, SCHEMA_REFRESH_WINDOW)
            .build();
    }

    private void createKeyspaceIfAbsent(CqlSession session) {
        boolean exists = session.getMetadata().getKeyspace(CqlIdentifier.fromCql(settings.keyspace())).isPresent();
        if (!exists) {
            LOGGER.info("Creating Cassandra keyspace {} with replication {}", settings.keyspace(), settings.replicationCql());
            session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + settings.keyspace()
                + " WITH replication = " + settings.replicationCql() + " AND durable_writes = true")
                .setTimeout(SchemaCompatibleSession.SCHEMA_CHANGE_TIMEOUT));
        }
    }

    private static void logServerVersion(CqlSession session) {
        Row row = session.execute("SELECT release_version FROM system.local").one();
        LOGGER.info("Connected to Cassandra {}", row == null ? "(unknown version)" : row.getString(0));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Cassandra", e);
        }
    }
}
