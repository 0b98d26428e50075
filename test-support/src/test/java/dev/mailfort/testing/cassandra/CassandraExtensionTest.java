/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;

class CassandraExtensionTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private static CqlSession session;

    @BeforeAll
    static void connect() {
        // Schema changes on a busy 2-core machine can take longer than the driver's 2 s default.
        session = CqlSession.builder()
            .addContactPoint(cassandra.contactPoint())
            .withLocalDatacenter(cassandra.localDatacenter())
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .build())
            .build();
    }

    @AfterAll
    static void disconnect() {
        session.close();
    }

    @Test
    void keyspaceNameIsMadeForThisClass() {
        assertThat(cassandra.keyspace()).matches("t_cassandraextensiontest_[0-9a-f]{8}");
    }

    @Test
    void theNodeSpeaksCql() {
        Row row = session.execute("SELECT release_version, data_center FROM system.local").one();

        assertThat(row.getString("release_version")).startsWith("5.0");
        assertThat(row.getString("data_center")).isEqualTo(cassandra.localDatacenter());
    }

    @Test
    void aRowWrittenCanBeReadBack() {
        String keyspace = cassandra.keyspace();
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".mail (id text PRIMARY KEY, subject text, received timestamp)");
        Instant received = Instant.parse("2024-05-01T10:15:30Z");

        session.execute(session.prepare("INSERT INTO " + keyspace + ".mail (id, subject, received) VALUES (?, ?, ?)")
            .bind("m-1", "Hello", received));
        Row row = session.execute(session.prepare("SELECT subject, received FROM " + keyspace + ".mail WHERE id = ?")
            .bind("m-1")).one();

        assertThat(row).isNotNull();
        assertThat(row.getString("subject")).isEqualTo("Hello");
        assertThat(row.getInstant("received")).isEqualTo(received);
    }

    @Test
    void parametersAreInjected(CassandraEndpoint endpoint, TestKeyspace keyspace) {
        assertThat(endpoint).isEqualTo(cassandra.endpoint());
        assertThat(keyspace.name()).isEqualTo(cassandra.keyspace());
        assertThat(keyspace.endpoint()).isEqualTo(endpoint);
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterKeyspace(TestKeyspace keyspace) {
            assertThat(keyspace.name()).isEqualTo(cassandra.keyspace()).startsWith("t_cassandraextensiontest_");
        }
    }
}
