/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static dev.mailfort.server.events.EventDeadLetterTables.GROUP;
import static dev.mailfort.server.events.EventDeadLetterTables.GROUPS;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rows of {@value EventDeadLetterTables#GROUPS}. Only ever added to: see {@link CassandraEventDeadLetters} for why a
 * group is never deleted here.
 */
class FailedGroupsDAO {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectAll;

    FailedGroupsDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(GROUPS).value(GROUP, bindMarker(GROUP)).build());
        this.selectAll = session.prepare(selectFrom(GROUPS).column(GROUP).build());
    }

    /** Idempotent: writing a group that is already there changes nothing but the write time. */
    Mono<Void> add(String group) {
        return executor.executeVoid(insert.bind().setString(GROUP, group));
    }

    Flux<String> all() {
        return executor.executeRows(selectAll.bind()).map(row -> row.getString(GROUP));
    }
}
