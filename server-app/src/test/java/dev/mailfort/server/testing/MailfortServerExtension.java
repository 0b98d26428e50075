/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.mailfort.local.clamav.LocalClamd;
import dev.mailfort.local.rspamd.LocalRspamd;
import dev.mailfort.server.MailfortServer;
import dev.mailfort.server.cassandra.CassandraSessionFactory;
import dev.mailfort.server.cassandra.CassandraSettings;
import dev.mailfort.testing.TemporaryDirectories;
import dev.mailfort.testing.cassandra.CassandraExtension;
import dev.mailfort.testing.clamav.SharedClamd;
import dev.mailfort.testing.rspamd.SharedRspamd;

/**
 * Boots the whole Mailfort server — the production Guice modules and {@code conf/} — once per test class, on free
 * loopback ports, against a real Cassandra and a keyspace of the class's own.
 *
 * <pre>
 * &#64;RegisterExtension
 * static MailfortServerExtension server = new MailfortServerExtension();
 * ...
 * smtp.connect("127.0.0.1", server.port(25));
 * </pre>
 */
public final class MailfortServerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final int START_ATTEMPTS = 3;

    private final CassandraExtension cassandra = new CassandraExtension();
    private Consumer<TestWorkingDirectory> confChanges = any -> { };
    private TestWorkingDirectory directory;
    private GuiceJamesServer server;
    private Duration lastStartDuration;

    /** Changes made to the copied {@code conf/} before the first start (and kept across restarts). */
    public MailfortServerExtension withConf(Consumer<TestWorkingDirectory> changes) {
        this.confChanges = changes;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cassandra.beforeAll(context);
        for (int attempt = 1; ; attempt++) {
            Path root = Files.createTempDirectory("mailfort-" + context.getRequiredTestClass().getSimpleName() + "-");
            directory = TestWorkingDirectory.create(root, cassandra.endpoint(), cassandra.keyspace(), runningScanners());
            confChanges.accept(directory);
            try {
                start();
                return;
            } catch (Exception e) {
                // A port found free when the conf was written can be taken by another process before the server
                // binds it: start again on other ports rather than fail the class.
                if (!causedByBindFailure(e) || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                abandonFailedStart();
            }
        }
    }

    private void abandonFailedStart() {
        try {
            if (server != null) {
                MailfortServer.stop(server);
            }
        } catch (RuntimeException ignored) {
            // Whatever the failed start left behind, a new working directory and new ports follow.
        }
        server = null;
        TemporaryDirectories.deleteQuietly(directory.root());
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        cassandra.afterAll(context);
        TemporaryDirectories.deleteQuietly(directory.root());
    }

    /**
     * The production pipeline fails closed without clamd and rspamd, so every server under test gets the real ones,
     * shared by the whole JVM. A class that stopped one to test an outage may have failed before starting it again.
     */
    public static TestWorkingDirectory.ScannerEndpoints runningScanners() {
        LocalClamd clamd = SharedClamd.get();
        clamd.start();
        LocalRspamd rspamd = SharedRspamd.running();
        return new TestWorkingDirectory.ScannerEndpoints(clamd.host(), clamd.port(), clamd.streamMaxLength(),
            rspamd.uri().toString());
    }

    public void start() throws Exception {
        Instant begin = Instant.now();
        server = MailfortServer.create(Configuration.builder().workingDirectory(directory.root().toFile()).build());
        server.start();
        lastStartDuration = Duration.between(begin, Instant.now());
    }

    public void stop() {
        if (server != null && server.isStarted()) {
            MailfortServer.stop(server);
        }
        server = null;
    }

    /** A clean stop then a start on the same working directory and keyspace, as an admin's restart. */
    public void restart() throws Exception {
        stop();
        start();
    }

    public int port(int productionPort) {
        return directory.port(productionPort);
    }

    public WebAdminClient webAdmin() {
        return new WebAdminClient(port(8000));
    }

    public TestWorkingDirectory workingDirectory() {
        return directory;
    }

    public CassandraExtension cassandra() {
        return cassandra;
    }

    /**
     * A Cassandra session of the test's own on the server's keyspace, as another node would open it, to read or
     * change the tables behind the server's back. The caller closes it.
     */
    public CqlSession openKeyspaceSession() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.nodes", cassandra.host() + ":" + cassandra.port());
        conf.addProperty("cassandra.local.dc", cassandra.localDatacenter());
        conf.addProperty("cassandra.keyspace", cassandra.keyspace());
        conf.addProperty("cassandra.keyspace.create", "false");
        return new CassandraSessionFactory(CassandraSettings.from(conf)).open();
    }

    public GuiceJamesServer guiceServer() {
        return server;
    }

    public Duration lastStartDuration() {
        return lastStartDuration;
    }
}
