/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Drops the keyspaces of finished test classes, so a node shared by many classes (and many JVMs on CI) does not
 * pile up schema, which slows every later schema change. Best effort: a failure is logged, never thrown.
 */
final class KeyspaceDropper {
    private static final System.Logger LOGGER = System.getLogger(KeyspaceDropper.class.getName());
    private static final Duration DROP_TIMEOUT = Duration.ofSeconds(30);

    private static CqlSession session;
    private static CassandraEndpoint sessionEndpoint;
    private static boolean closeHookAdded;

    private KeyspaceDropper() {
    }

    static void drop(TestKeyspace keyspace) {
        try {
            session(keyspace.endpoint()).execute(SimpleStatement
                .newInstance("DROP KEYSPACE IF EXISTS \"" + keyspace.name() + "\"")
                .setTimeout(DROP_TIMEOUT));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot drop keyspace " + keyspace.name() + " on " + keyspace.endpoint()
                + ": " + e);
        }
    }

    /** One session for the whole JVM: opening one costs about a second, more than a drop. */
    private static synchronized CqlSession session(CassandraEndpoint endpoint) {
        if (session == null || !endpoint.equals(sessionEndpoint)) {
            closeSession();
            session = CqlSession.builder()
                .addContactPoint(endpoint.contactPoint())
                .withLocalDatacenter(endpoint.localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                    // Schema and token metadata are of no use for dropping keyspaces; skipping them is faster.
                    .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                    .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                    .withString(DefaultDriverOption.SESSION_NAME, "mailfort-keyspace-dropper")
                    .build())
                .build();
            sessionEndpoint = endpoint;
            if (!closeHookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(KeyspaceDropper::closeSession,
                    "mailfort-keyspace-dropper-close"));
                closeHookAdded = true;
            }
        }
        return session;
    }

    private static synchronized void closeSession() {
        if (session == null) {
            return;
        }
        try {
            session.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            session.forceCloseAsync();
        }
        session = null;
        sessionEndpoint = null;
    }
}
