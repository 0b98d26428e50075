/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.datastax.oss.driver.api.core.CqlSession;

@ExtendWith(CassandraExtension.class)
class KeyspaceCleanupTest {
    @Test
    void aDroppedKeyspaceIsGone(CassandraEndpoint endpoint) {
        TestKeyspace other = new TestKeyspace(endpoint, TestKeyspace.nameFor(KeyspaceCleanupTest.class));
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(endpoint.contactPoint())
                .withLocalDatacenter(endpoint.localDatacenter())
                .build()) {
            session.execute("CREATE KEYSPACE " + other.name()
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");

            KeyspaceDropper.drop(other);

            assertThat(session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
                other.name()).one()).isNull();
        }
    }

    @Test
    void droppingAMissingKeyspaceIsHarmless(TestKeyspace keyspace) {
        KeyspaceDropper.drop(new TestKeyspace(keyspace.endpoint(), "t_never_created"));
    }

    @Test
    void allClassesShareOneNode(CassandraEndpoint endpoint) {
        assertThat(endpoint).isEqualTo(new CassandraExtension().endpoint());
    }
}
