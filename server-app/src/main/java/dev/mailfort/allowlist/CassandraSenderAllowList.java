/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.components.CassandraModule;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.DataTypes;

/**
 * The allow list in Cassandra, table {@value #TABLE}: partition key the recipient, clustering column the sender, so
 * that the question asked for each mail is one read of one row, and one recipient's entries are one partition.
 */
public class CassandraSenderAllowList implements SenderAllowList {
    static final String TABLE = "mailfort_sender_allow_list";
    static final String RECIPIENT = "recipient";
    static final String SENDER = "sender";
    static final String ADDED_BY = "added_by";
    static final String ADDED_AT = "added_at";

    /** Registered in the {@code Set<CassandraModule>} so that the table is created with James's schema. */
    public static final CassandraModule MODULE = CassandraModule.builder()
        .table(TABLE)
        .comment("Senders whose authenticated mail is not held as spam for a recipient (Mailfort allow list).")
        .options(options -> options)
        .statement(statement -> types -> statement
            .withPartitionKey(RECIPIENT, DataTypes.TEXT)
            .withClusteringColumn(SENDER, DataTypes.TEXT)
            .withColumn(ADDED_BY, DataTypes.TEXT)
            .withColumn(ADDED_AT, DataTypes.TIMESTAMP))
        .build();

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;

    @Inject
    public CassandraSenderAllowList(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(TABLE)
            .value(RECIPIENT, bindMarker(RECIPIENT))
            .value(SENDER, bindMarker(SENDER))
            .value(ADDED_BY, bindMarker(ADDED_BY))
            .value(ADDED_AT, bindMarker(ADDED_AT))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE)
            .whereColumn(RECIPIENT).isEqualTo(bindMarker(RECIPIENT))
            .whereColumn(SENDER).isEqualTo(bindMarker(SENDER))
            .ifExists()
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE).column(SENDER)
            .whereColumn(RECIPIENT).isEqualTo(bindMarker(RECIPIENT))
            .whereColumn(SENDER).isEqualTo(bindMarker(SENDER))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE).all().build());
    }

    @Override
    public void add(AllowedSender entry) {
        session.execute(insert.bind()
            .setString(RECIPIENT, entry.recipient())
            .setString(SENDER, entry.sender())
            .setString(ADDED_BY, entry.addedBy())
            .setInstant(ADDED_AT, entry.addedAt()));
    }

    @Override
    public boolean remove(String recipient, String sender) {
        return session.execute(delete.bind()
            .setString(RECIPIENT, AllowedSender.normalize(recipient))
            .setString(SENDER, AllowedSender.normalize(sender)))
            .wasApplied();
    }

    @Override
    public boolean contains(String recipient, String sender) {
        return session.execute(selectOne.bind()
            .setString(RECIPIENT, AllowedSender.normalize(recipient))
            .setString(SENDER, AllowedSender.normalize(sender)))
            .one() != null;
    }

    @Override
    public List<AllowedSender> list() {
        List<AllowedSender> entries = new ArrayList<>();
        for (Row row : session.execute(selectAll.bind())) {
            entries.add(new AllowedSender(row.getString(RECIPIENT), row.getString(SENDER), row.getString(ADDED_BY),
                Optional.ofNullable(row.getInstant(ADDED_AT)).orElse(Instant.EPOCH)));
        }
        entries.sort(Comparator.comparing(AllowedSender::recipient).thenComparing(AllowedSender::sender));
        return entries;
    }
}
