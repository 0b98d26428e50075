/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;

import dev.mailfort.cassandra.runner.LocalCassandra;
import dev.mailfort.cassandra.runner.LocalCassandraSettings;
import dev.mailfort.cassandra.runner.LocalPorts;

/** The server and its database usually start together: the server waits for Cassandra instead of failing. */
class CassandraSessionFactoryTest {
    @TempDir
    Path cassandraDirectory;

    @Test
    void waitsForACassandraThatStartsLaterThenCreatesTheKeyspace() throws Exception {
        int[] ports = LocalPorts.pickFree(3);
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.nodes", "127.0.0.1:" + ports[0]);
        conf.addProperty("cassandra.keyspace", "late_start");
        conf.addProperty("cassandra.retryConnection.minDelay", "500");
        CassandraSettings settings = CassandraSettings.from(conf);

        CompletableFuture<CqlSession> opening = CompletableFuture.supplyAsync(() -> new CassandraSessionFactory(settings).open());
        Thread.sleep(2000);
        assertThat(opening).as("no Cassandra yet").isNotDone();

        try (LocalCassandra cassandra = LocalCassandra.start(LocalCassandraSettings.builder(cassandraDirectory)
                .nativePort(ports[0]).storagePort(ports[1]).jmxPort(ports[2]).heap("512m").disposable(true).build());
             CqlSession session = opening.get(3, TimeUnit.MINUTES)) {
            assertThat(session.getKeyspace()).contains(CqlIdentifier.fromCql("late_start"));
            assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.");
            assertThat(session.getContext().getConfig().getDefaultProfile().getString(DefaultDriverOption.REQUEST_CONSISTENCY))
                .as("the driver's default would be LOCAL_ONE").isEqualTo("QUORUM");
            assertThat(session.getContext().getConfig().getDefaultProfile().getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY))
                .isEqualTo("SERIAL");
            assertThat(session.getContext().getConfig().getDefaultProfile().getDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW))
                .as("each wave of a first start's schema changes would wait the driver's default second")
                .isEqualTo(Duration.ofMillis(100));

            // A restart finds the keyspace.
            try (CqlSession again = new CassandraSessionFactory(settings).open()) {
                assertThat(again.getKeyspace()).contains(CqlIdentifier.fromCql("late_start"));
            }

            // Without the right to create it, an absent keyspace is a configuration error: it fails at once, saying so.
            conf.setProperty("cassandra.keyspace", "never_created");
            conf.setProperty("cassandra.keyspace.create", "false");
            CassandraSettings mayNotCreate = CassandraSettings.from(conf);
            assertThatThrownBy(() -> new CassandraSessionFactory(mayNotCreate).open())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never_created does not exist and cassandra.keyspace.create is false");
        }
    }
}
