/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

/**
 * A {@link CqlSession} that records every statement handed to it before passing it on, so a test can count what
 * the code under test sent to Cassandra (how many SERIAL reads, how many conditional writes).
 */
final class StatementCountingSession implements InvocationHandler {
    /**
     * One statement as sent.
     *
     * @param cql its CQL text
     * @param serialRead whether it ran with SERIAL (or LOCAL_SERIAL) as its consistency, which is a Paxos read
     */
    record Sent(String cql, boolean serialRead) {
        boolean isSelectFrom(String table) {
            return normalized().startsWith("SELECT ") && normalized().contains(" FROM " + table.toUpperCase(Locale.ROOT) + " ");
        }

        boolean isConditionalWriteOn(String table) {
            String text = normalized();
            boolean write = text.startsWith("UPDATE " + table.toUpperCase(Locale.ROOT) + " ")
                || text.startsWith("INSERT INTO " + table.toUpperCase(Locale.ROOT) + " ");
            return write && text.contains(" IF ");
        }

        private String normalized() {
            return cql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
        }
    }

    private final CqlSession delegate;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private StatementCountingSession(CqlSession delegate) {
        this.delegate = delegate;
    }

    static StatementCountingSession wrapping(CqlSession delegate) {
        return new StatementCountingSession(delegate);
    }

    CqlSession session() {
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class}, this);
    }

    long serialReadsOf(String table) {
        return sent.stream().filter(statement -> statement.serialRead() && statement.isSelectFrom(table)).count();
    }

    long readsOf(String table) {
        return sent.stream().filter(statement -> statement.isSelectFrom(table)).count();
    }

    long conditionalWritesOn(String table) {
        return sent.stream().filter(statement -> statement.isConditionalWriteOn(table)).count();
    }

    void reset() {
        sent.clear();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof Statement<?> statement) {
            sent.add(new Sent(cqlOf(statement), isSerial(statement)));
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String cqlOf(Statement<?> statement) {
        if (statement instanceof BoundStatement bound) {
            return bound.getPreparedStatement().getQuery();
        }
        if (statement instanceof SimpleStatement simple) {
            return simple.getQuery();
        }
        return statement.toString();
    }

    private boolean isSerial(Statement<?> statement) {
        String consistency;
        if (statement.getConsistencyLevel() != null) {
            consistency = statement.getConsistencyLevel().name();
        } else {
            DriverExecutionProfile profile = statement.getExecutionProfile() != null ? statement.getExecutionProfile()
                : statement.getExecutionProfileName() != null
                    ? delegate.getContext().getConfig().getProfile(statement.getExecutionProfileName())
                    : delegate.getContext().getConfig().getDefaultProfile();
            consistency = profile.getString(DefaultDriverOption.REQUEST_CONSISTENCY);
        }
        return consistency.endsWith("SERIAL");
    }
}
