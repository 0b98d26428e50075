/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.io.FileNotFoundException;
import java.util.Set;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.CassandraZonedDateTimeModule;
import org.apache.james.backends.cassandra.init.SessionWithInitializedTablesFactory;
import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.utils.CassandraHealthCheck;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionDAO;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionManager;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionModule;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.MetricRegistry;
import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * The CQL session every Cassandra DAO uses, with James's schema created on first start.
 *
 * <p>Other modules contribute their tables through the {@code Set<CassandraModule>} multibinder; the schema is
 * created once, when the session is first asked for, before any DAO can run a query.
 */
public class CassandraSessionModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSessionModule.class);
    private static final String CASSANDRA_FILE = "cassandra";
    private static final String BATCH_SIZES_FILE = "batchsizes";

    @Override
    protected void configure() {
        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraZonedDateTimeModule.MODULE);
        tables.addBinding().toInstance(CassandraSchemaVersionModule.MODULE);

        bind(CassandraSchemaVersionManager.class).in(Scopes.SINGLETON);
        bind(CassandraSchemaVersionDAO.class).in(Scopes.SINGLETON);

        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(CassandraHealthCheck.class);
    }

    @Provides
    @Singleton
    CqlSession session(SessionLifecycle lifecycle, MetricRegistry metrics) {
        CassandraDriverMetrics.publish(lifecycle.session, metrics);
        return lifecycle.session;
    }

    @Provides
    @Singleton
    CassandraModule allTables(Set<CassandraModule> modules) {
        return CassandraModule.aggregateModules(modules);
    }

    @Provides
    @Singleton
    CassandraSettings settings(PropertiesProvider properties) throws ConfigurationException {
        return CassandraSettings.from(cassandraProperties(properties));
    }

    @Provides
    @Singleton
    RecipientSettingsCache recipientSettingsCache(PropertiesProvider properties) throws ConfigurationException {
        return RecipientSettingsCache.from(cassandraProperties(properties));
    }

    @Provides
    @Singleton
    CassandraConfiguration jamesTuning(PropertiesProvider properties) throws ConfigurationException {
        return CassandraConfiguration.from(cassandraProperties(properties));
    }

    @Provides
    @Singleton
    BatchSizes batchSizes(PropertiesProvider properties) throws ConfigurationException {
        try {
            Configuration conf = properties.getConfiguration(BATCH_SIZES_FILE);
            return BatchSizes.builder()
                .fetchMetadata(conf.getInt("fetch.metadata", BatchSizes.DEFAULT_BATCH_SIZE))
                .fetchHeaders(conf.getInt("fetch.headers", BatchSizes.DEFAULT_BATCH_SIZE))
                .fetchFull(conf.getInt("fetch.full", BatchSizes.DEFAULT_BATCH_SIZE))
                .copyBatchSize(conf.getInt("copy", BatchSizes.DEFAULT_BATCH_SIZE))
                .moveBatchSize(conf.getInt("move", BatchSizes.DEFAULT_BATCH_SIZE))
                .build();
        } catch (FileNotFoundException e) {
            return BatchSizes.defaultValues();
        }
    }

    private static Configuration cassandraProperties(PropertiesProvider properties) throws ConfigurationException {
        try {
            return properties.getConfiguration(CASSANDRA_FILE);
        } catch (FileNotFoundException e) {
            LOGGER.warn("No conf/cassandra.properties: using a local node at 127.0.0.1:9042 and keyspace {}",
                CassandraSettings.DEFAULT_KEYSPACE);
            return new BaseHierarchicalConfiguration();
        }
    }

    /** Owns the session so that it is closed when the server stops. */
    @Singleton
    static class SessionLifecycle {
        private final CqlSession session;

        @Inject
        SessionLifecycle(CassandraSettings settings, CassandraModule tables) {
            LOGGER.info("Opening Cassandra session: {}", settings);
            CqlSession opened = new CassandraSessionFactory(settings).open();
            try {
                // James's factory creates missing types and tables and, when it created all of them, records the
                // schema version. It runs on the rewriting session; the DAOs get the plain one.
                new SessionWithInitializedTablesFactory(new SchemaCompatibleSession(opened), tables);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            this.session = opened;
        }

        @PreDestroy
        void close() {
            session.close();
        }
    }
}
