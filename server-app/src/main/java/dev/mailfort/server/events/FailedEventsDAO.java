/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static dev.mailfort.server.events.EventDeadLetterTables.EVENT;
import static dev.mailfort.server.events.EventDeadLetterTables.EVENTS;
import static dev.mailfort.server.events.EventDeadLetterTables.GROUP;
import static dev.mailfort.server.events.EventDeadLetterTables.INSERTION_ID;

import java.util.UUID;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rows of {@value EventDeadLetterTables#EVENTS}: a group's failed events, as serialized JSON. */
class FailedEventsDAO {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement deleteOne;
    private final PreparedStatement deleteGroup;
    private final PreparedStatement selectEvent;
    private final PreparedStatement selectIds;
    private final PreparedStatement selectAnyId;

    FailedEventsDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(EVENTS)
            .value(GROUP, bindMarker(GROUP))
            .value(INSERTION_ID, bindMarker(INSERTION_ID))
            .value(EVENT, bindMarker(EVENT))
            .build());
        this.deleteOne = session.prepare(deleteFrom(EVENTS)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP))
            .whereColumn(INSERTION_ID).isEqualTo(bindMarker(INSERTION_ID))
            .build());
        this.deleteGroup = session.prepare(deleteFrom(EVENTS)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP))
            .build());
        this.selectEvent = session.prepare(selectFrom(EVENTS).column(EVENT)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP))
            .whereColumn(INSERTION_ID).isEqualTo(bindMarker(INSERTION_ID))
            .build());
        this.selectIds = session.prepare(selectFrom(EVENTS).column(INSERTION_ID)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP))
            .build());
        this.selectAnyId = session.prepare(selectFrom(EVENTS).column(INSERTION_ID)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP))
            .limit(1)
            .build());
    }

    Mono<Void> insert(String group, UUID insertionId, String eventJson) {
        return executor.executeVoid(insert.bind()
            .setString(GROUP, group)
            .setUuid(INSERTION_ID, insertionId)
            .setString(EVENT, eventJson));
    }

    Mono<Void> delete(String group, UUID insertionId) {
        return executor.executeVoid(deleteOne.bind()
            .setString(GROUP, group)
            .setUuid(INSERTION_ID, insertionId));
    }

    /** One partition tombstone, however many events the group had. */
    Mono<Void> deleteAll(String group) {
        return executor.executeVoid(deleteGroup.bind().setString(GROUP, group));
    }

    Mono<String> eventJson(String group, UUID insertionId) {
        return executor.executeSingleRow(selectEvent.bind()
                .setString(GROUP, group)
                .setUuid(INSERTION_ID, insertionId))
            .map(row -> row.getString(EVENT));
    }

    Flux<UUID> insertionIds(String group) {
        return executor.executeRows(selectIds.bind().setString(GROUP, group))
            .map(row -> row.getUuid(INSERTION_ID));
    }

    Mono<Boolean> hasEvents(String group) {
        return executor.executeReturnExists(selectAnyId.bind().setString(GROUP, group));
    }
}
