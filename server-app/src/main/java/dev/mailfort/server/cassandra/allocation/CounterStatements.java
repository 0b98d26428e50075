/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.util.OptionalLong;
import java.util.UUID;

import org.apache.james.backends.cassandra.init.configuration.JamesExecutionProfiles;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveRow;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;

import reactor.core.publisher.Mono;

/**
 * The four statements on one {@link CounterColumn}: plain read, SERIAL read, compare-and-set and create-if-absent.
 *
 * <p>The conditional writes run with the session's default profile (its serial consistency decides SERIAL or
 * LOCAL_SERIAL); the SERIAL read uses James's "LWT" profile, like James's own providers, so that a deployment's
 * profile settings keep their meaning.
 */
final class CounterStatements {
    private static final String MAILBOX_ID = "mailboxid";
    private static final String PROPOSED = "proposed";
    private static final String EXPECTED = "expected";

    private final CqlSession session;
    private final CounterColumn column;
    private final DriverExecutionProfile serialReadProfile;
    private final PreparedStatement read;
    private final PreparedStatement compareAndSet;
    private final PreparedStatement createIfAbsent;

    /**
     * @param session a session bound to the keyspace holding the counter table
     * @param column which counter
     */
    CounterStatements(CqlSession session, CounterColumn column) {
        this.session = session;
        this.column = column;
        this.serialReadProfile = JamesExecutionProfiles.getLWTProfile(session);
        this.read = session.prepare("SELECT " + column.valueColumn() + " FROM " + column.table()
            + " WHERE " + column.mailboxIdColumn() + " = :" + MAILBOX_ID);
        this.compareAndSet = session.prepare("UPDATE " + column.table()
            + " SET " + column.valueColumn() + " = :" + PROPOSED
            + " WHERE " + column.mailboxIdColumn() + " = :" + MAILBOX_ID
            + " IF " + column.valueColumn() + " = :" + EXPECTED);
        this.createIfAbsent = session.prepare("INSERT INTO " + column.table()
            + " (" + column.mailboxIdColumn() + ", " + column.valueColumn() + ")"
            + " VALUES (:" + MAILBOX_ID + ", :" + PROPOSED + ") IF NOT EXISTS");
    }

    /** The linearizable current value, empty when the mailbox never had one. Costs a Paxos round. */
    Mono<OptionalLong> readSerial(UUID mailboxId) {
        return readValue(bindRead(mailboxId).setExecutionProfile(serialReadProfile));
    }

    /**
     * The current value as the given profile sees it, for the read-only methods.
     *
     * @param mailboxId the mailbox
     * @param serial whether to read with the SERIAL profile rather than the session's default consistency
     */
    Mono<OptionalLong> read(UUID mailboxId, boolean serial) {
        return serial ? readSerial(mailboxId) : readValue(bindRead(mailboxId));
    }

    /**
     * Moves the counter from {@code expected} to {@code proposed} if nobody else moved it first.
     *
     * @param mailboxId the mailbox
     * @param expected the value this node believes is current
     * @param proposed the value to store
     */
    Mono<CompareAndSetOutcome> compareAndSet(UUID mailboxId, long expected, long proposed) {
        return conditionally(compareAndSet.bind()
            .set(MAILBOX_ID, mailboxId, TypeCodecs.TIMEUUID)
            .setLong(PROPOSED, proposed)
            .setLong(EXPECTED, expected));
    }

    /**
     * Creates the counter with {@code proposed} if the mailbox has none yet.
     *
     * @param mailboxId the mailbox
     * @param proposed the first value to store
     */
    Mono<CompareAndSetOutcome> createIfAbsent(UUID mailboxId, long proposed) {
        return conditionally(createIfAbsent.bind()
            .set(MAILBOX_ID, mailboxId, TypeCodecs.TIMEUUID)
            .setLong(PROPOSED, proposed));
    }

    private BoundStatement bindRead(UUID mailboxId) {
        return read.bind().set(MAILBOX_ID, mailboxId, TypeCodecs.TIMEUUID);
    }

    private Mono<OptionalLong> readValue(BoundStatement statement) {
        return Mono.from(session.executeReactive(statement))
            .map(this::valueIn)
            .defaultIfEmpty(OptionalLong.empty());
    }

    private Mono<CompareAndSetOutcome> conditionally(BoundStatement statement) {
        return Mono.from(session.executeReactive(statement))
            .map(this::outcomeOf);
    }

    private CompareAndSetOutcome outcomeOf(ReactiveRow row) {
        if (row.wasApplied()) {
            return CompareAndSetOutcome.won();
        }
        // A losing conditional write answers with the row it found; a missing row comes back without the column.
        return CompareAndSetOutcome.lostTo(valueIn(row));
    }

    private OptionalLong valueIn(Row row) {
        if (!row.getColumnDefinitions().contains(column.valueColumn()) || row.isNull(column.valueColumn())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(row.getLong(column.valueColumn()));
    }
}
