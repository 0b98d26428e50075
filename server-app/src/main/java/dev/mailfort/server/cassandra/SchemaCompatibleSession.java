/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.Duration;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.datastax.oss.driver.internal.core.session.SessionWrapper;

/**
 * A session used only to create James's schema, rewriting the table options Cassandra 4.1+ no longer accepts, and
 * giving schema changes the time they need.
 *
 * <p>James 3.8.1 declares LZ4 compression with {@code chunk_length_kb} and a {@code crc_check_chance} sub-option
 * (through the driver's query builder). Cassandra 5.0 rejects the former and the whole CREATE TABLE fails, so the
 * server cannot create its schema. {@code chunk_length_in_kb} has been accepted since Cassandra 3.0, so the rewrite
 * is safe on every version we support. Rewriting the CQL text keeps James's table definitions untouched.
 *
 * <p>A CREATE waits for every node to agree on the new schema; on a busy or cold node that takes longer than an
 * ordinary request may (seen: over 10 s on a loaded 2-core machine), and a time-out there fails the server's start
 * although Cassandra finishes the change anyway. Schema changes therefore get {@link #SCHEMA_CHANGE_TIMEOUT}.
 */
final class SchemaCompatibleSession extends SessionWrapper implements CqlSession {
    private static final Pattern OLD_CHUNK_LENGTH = Pattern.compile("'chunk_length_kb'");
    static final Duration SCHEMA_CHANGE_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern CRC_SUB_OPTION = Pattern.compile(",\\s*'crc_check_chance'\\s*:\\s*[0-9.]+");

    SchemaCompatibleSession(CqlSession delegate) {
        super(delegate);
    }

    @Override
    public <RequestT extends Request, ResultT> ResultT execute(RequestT request, GenericType<ResultT> resultType) {
        return super.execute(rewrite(request), resultType);
    }

    @SuppressWarnings("unchecked")
    static <RequestT extends Request> RequestT rewrite(RequestT request) {
        if (request instanceof SimpleStatement) {
            SimpleStatement statement = (SimpleStatement) request;
            String query = statement.getQuery();
            if (query.startsWith("CREATE TABLE")) {
                return (RequestT) statement.setQuery(rewriteCreateTable(query)).setTimeout(SCHEMA_CHANGE_TIMEOUT);
            }
            if (query.startsWith("CREATE ")) {
                return (RequestT) statement.setTimeout(SCHEMA_CHANGE_TIMEOUT);
            }
        }
        return request;
    }

    static String rewriteCreateTable(String cql) {
        String withNewName = OLD_CHUNK_LENGTH.matcher(cql).replaceAll("'chunk_length_in_kb'");
        return CRC_SUB_OPTION.matcher(withNewName).replaceAll("");
    }
}
