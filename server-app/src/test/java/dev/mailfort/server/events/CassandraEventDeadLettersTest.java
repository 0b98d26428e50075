/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.backends.cassandra.init.CassandraTableManager;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;
import org.apache.james.events.Event;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventDeadLettersContracts;
import org.apache.james.events.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.mailfort.server.cassandra.CassandraSessionFactory;
import dev.mailfort.server.cassandra.CassandraSettings;
import dev.mailfort.testing.cassandra.CassandraExtension;

/** James's dead-letter contract on the real Cassandra, plus what our store does beyond it. */
class CassandraEventDeadLettersTest implements EventDeadLettersContracts {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    // Named apart from the contract's constants, which are declared in a package-private interface.
    private static final Group FAILING_GROUP = EventBusTestFixture.GROUP_A;
    private static final Group OTHER_GROUP = EventBusTestFixture.GROUP_B;
    private static final Event FIRST_EVENT = EventBusTestFixture.EVENT;
    private static final Event SECOND_EVENT = EventBusTestFixture.EVENT_2;

    private static CqlSession session;
    private EventDeadLetters deadLetters;

    @BeforeAll
    static void createTables() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.nodes", cassandra.host() + ":" + cassandra.port());
        conf.addProperty("cassandra.local.dc", cassandra.localDatacenter());
        conf.addProperty("cassandra.keyspace", cassandra.keyspace());
        // Table creation waits for schema agreement, slow on a busy shared node.
        conf.addProperty("cassandra.request.timeout", "60000");
        session = new CassandraSessionFactory(CassandraSettings.from(conf)).open();
        new CassandraTableManager(EventDeadLetterTables.MODULE, session).initializeTables(new CassandraTypesProvider(session));
    }

    @AfterAll
    static void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    /** Deletes rather than TRUNCATE: a truncate snapshots the tables on the shared node's disk each time. */
    @BeforeEach
    void emptyTables() {
        for (Row row : session.execute("SELECT " + EventDeadLetterTables.GROUP + " FROM " + EventDeadLetterTables.GROUPS)) {
            String group = row.getString(0);
            session.execute(session.prepare("DELETE FROM " + EventDeadLetterTables.EVENTS + " WHERE "
                + EventDeadLetterTables.GROUP + " = ?").bind(group));
            session.execute(session.prepare("DELETE FROM " + EventDeadLetterTables.GROUPS + " WHERE "
                + EventDeadLetterTables.GROUP + " = ?").bind(group));
        }
        deadLetters = new CassandraEventDeadLetters(session, new EventBusTestFixture.TestEventSerializer());
    }

    @Override
    public EventDeadLetters eventDeadLetters() {
        return deadLetters;
    }

    @Test
    void anotherInstanceOnTheSameKeyspaceSeesTheStoredEvents() {
        EventDeadLetters.InsertionId id = deadLetters.store(FAILING_GROUP, FIRST_EVENT).block();

        EventDeadLetters otherNode = new CassandraEventDeadLetters(session, new EventBusTestFixture.TestEventSerializer());

        assertThat(otherNode.groupsWithFailedEvents().collectList().block()).containsExactly(FAILING_GROUP);
        assertThat(otherNode.failedIds(FAILING_GROUP).collectList().block()).containsExactly(id);
        assertThat(otherNode.failedEvent(FAILING_GROUP, id).block()).isEqualTo(FIRST_EVENT);
    }

    @Test
    void groupWhoseEventsWereRemovedOneByOneIsNoLongerListed() {
        EventDeadLetters.InsertionId id = deadLetters.store(FAILING_GROUP, FIRST_EVENT).block();
        deadLetters.store(OTHER_GROUP, SECOND_EVENT).block();

        deadLetters.remove(FAILING_GROUP, id).block();

        assertThat(deadLetters.groupsWithFailedEvents().collectList().block()).containsExactly(OTHER_GROUP);
    }

    @Test
    void groupStoredAgainAfterRemovalIsListedAgain() {
        deadLetters.store(FAILING_GROUP, FIRST_EVENT).block();
        deadLetters.remove(FAILING_GROUP).block();

        EventDeadLetters.InsertionId id = deadLetters.store(FAILING_GROUP, SECOND_EVENT).block();

        assertThat(deadLetters.groupsWithFailedEvents().collectList().block()).containsExactly(FAILING_GROUP);
        assertThat(deadLetters.failedIds(FAILING_GROUP).collectList().block()).containsExactly(id);
        assertThat(deadLetters.containEvents().block()).isTrue();
    }

    @Test
    void groupWhoseListenerClassIsGoneIsLeftOutOfTheListing() {
        deadLetters.store(FAILING_GROUP, FIRST_EVENT).block();
        session.execute(session.prepare("INSERT INTO " + EventDeadLetterTables.EVENTS + " ("
                + EventDeadLetterTables.GROUP + ", " + EventDeadLetterTables.INSERTION_ID + ", " + EventDeadLetterTables.EVENT
                + ") VALUES (?, uuid(), 'unused')")
            .bind("com.example.RemovedListener$Group"));
        session.execute(session.prepare("INSERT INTO " + EventDeadLetterTables.GROUPS + " (" + EventDeadLetterTables.GROUP
                + ") VALUES (?)")
            .bind("com.example.RemovedListener$Group"));

        assertThat(deadLetters.groupsWithFailedEvents().collectList().block()).containsExactly(FAILING_GROUP);
    }

    @Test
    void storedEventIsKeptAsTheSerializersJson() {
        EventDeadLetters.InsertionId id = deadLetters.store(FAILING_GROUP, FIRST_EVENT).block();

        Row row = session.execute(session.prepare("SELECT " + EventDeadLetterTables.EVENT + " FROM "
                + EventDeadLetterTables.EVENTS + " WHERE " + EventDeadLetterTables.GROUP + " = ? AND "
                + EventDeadLetterTables.INSERTION_ID + " = ?")
            .bind(FAILING_GROUP.asString(), id.getId())).one();

        assertThat(row).isNotNull();
        assertThat(row.getString(0)).isEqualTo(new EventBusTestFixture.TestEventSerializer().toJson(FIRST_EVENT));
    }
}
