/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import org.apache.james.backends.cassandra.components.CassandraModule;

import com.datastax.oss.driver.api.core.type.DataTypes;

/**
 * The two tables behind {@link CassandraEventDeadLetters}.
 *
 * <p>{@value #EVENTS}: one partition per listener group, one row per failed event, so that listing or dropping a
 * group's failures reads or deletes one partition. {@value #GROUPS}: the groups that ever had a failure, because
 * listing the distinct partition keys of the first table would scan the whole table on every node.
 *
 * <p>Names carry our prefix: James's own module uses other column names, and a shared table name would let
 * {@code CREATE TABLE IF NOT EXISTS} silently keep a table whose columns the DAOs do not know.
 */
public final class EventDeadLetterTables {
    static final String EVENTS = "mailfort_event_dead_letters";
    static final String GROUPS = "mailfort_event_dead_letter_groups";

    static final String GROUP = "listener_group";
    static final String INSERTION_ID = "insertion_id";
    static final String EVENT = "event_json";

    /** Registered in the server's {@code Set<CassandraModule>}, so that the tables are created with the schema. */
    public static final CassandraModule MODULE = CassandraModule.builder()
        .table(EVENTS)
        .comment("Mailbox events a listener group failed to handle, kept for an admin to redeliver (Mailfort).")
        .options(options -> options)
        .statement(statement -> types -> statement
            .withPartitionKey(GROUP, DataTypes.TEXT)
            .withClusteringColumn(INSERTION_ID, DataTypes.UUID)
            .withColumn(EVENT, DataTypes.TEXT))
        .table(GROUPS)
        .comment("Listener groups that have had failed events, to list them without scanning the events (Mailfort).")
        .options(options -> options)
        .statement(statement -> types -> statement
            .withPartitionKey(GROUP, DataTypes.TEXT))
        .build();

    private EventDeadLetterTables() {
    }
}
