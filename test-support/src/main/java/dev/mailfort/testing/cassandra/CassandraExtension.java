/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a real Cassandra and a keyspace name of its own.
 *
 * <pre>
 * &#64;RegisterExtension
 * static CassandraExtension cassandra = new CassandraExtension();
 *
 * &#64;Test
 * void stores(CassandraEndpoint endpoint, TestKeyspace keyspace) { ... }   // or cassandra.host(), cassandra.keyspace()...
 * </pre>
 *
 * <p>The node is the JVM's {@link SharedCassandra}, started on first use. The keyspace is only named, not created:
 * code under test usually creates its own, with its own replication settings. After the class, the keyspace is
 * dropped (unless {@link #keepingKeyspace()}); {@link org.junit.jupiter.api.Nested} classes share their outer
 * class's keyspace. Also works with {@code @ExtendWith(CassandraExtension.class)} and parameter injection.
 */
public final class CassandraExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final boolean dropKeyspaceAfterAll;
    private String keyspace;
    private String owningContextId;

    public CassandraExtension() {
        this(true);
    }

    private CassandraExtension(boolean dropKeyspaceAfterAll) {
        this.dropKeyspaceAfterAll = dropKeyspaceAfterAll;
    }

    /** An extension that leaves the keyspace in place after the class, to look at it after a failure. */
    public static CassandraExtension keepingKeyspace() {
        return new CassandraExtension(false);
    }

    /** The shared node; starts it if this is the first use in the JVM, so it can be called before {@code @BeforeAll}. */
    public CassandraEndpoint endpoint() {
        return SharedCassandra.endpoint();
    }

    public String host() {
        return endpoint().host();
    }

    public int port() {
        return endpoint().port();
    }

    public String localDatacenter() {
        return endpoint().localDatacenter();
    }

    public InetSocketAddress contactPoint() {
        return endpoint().contactPoint();
    }

    /**
     * This class's keyspace name. Called before {@code @BeforeAll} (from a static initializer) it gets a name
     * without the class name in it, which the class then keeps.
     */
    public synchronized String keyspace() {
        if (keyspace == null) {
            keyspace = TestKeyspace.nameFor(null);
        }
        return keyspace;
    }

    public TestKeyspace testKeyspace() {
        return new TestKeyspace(endpoint(), keyspace());
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        endpoint();
        if (owningContextId != null) {
            // A nested class, run inside the class that owns the keyspace.
            return;
        }
        owningContextId = context.getUniqueId();
        if (keyspace == null) {
            keyspace = TestKeyspace.nameFor(context.getRequiredTestClass());
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(owningContextId)) {
            return;
        }
        if (dropKeyspaceAfterAll) {
            KeyspaceDropper.drop(testKeyspace());
        }
        // Ready for the next class, should this instance be shared through a static field of a base class.
        owningContextId = null;
        keyspace = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == CassandraEndpoint.class || type == TestKeyspace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == CassandraEndpoint.class ? endpoint() : testKeyspace();
    }
}
