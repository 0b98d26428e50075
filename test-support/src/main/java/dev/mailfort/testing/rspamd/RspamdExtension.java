/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real rspamd (the Debian package, run with a private offline configuration).
 *
 * <pre>
 * &#64;RegisterExtension
 * static RspamdExtension rspamd = new RspamdExtension();
 *
 * &#64;Test
 * void rejectsGtube() { ... rspamd.uri() ... RspamdTestMail.gtube() ... }
 *
 * &#64;Test
 * void holdsMailWhileRspamdIsDown() { rspamd.stop(); ... }   // started again before the next test
 * </pre>
 *
 * <p>The process is the JVM's {@link SharedRspamd}: started on first use, stopped at JVM exit. Before each test it
 * is started again if a test stopped it; it keeps its port. What answers what is in {@link RspamdTestMail}.
 */
public final class RspamdExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedRspamd.running();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SharedRspamd.running();
    }

    /** The base URI of the scanner worker ({@code /checkv2}, {@code /ping}); starts rspamd if needed. */
    public URI uri() {
        return SharedRspamd.running().uri();
    }

    public String host() {
        return SharedRspamd.instance().host();
    }

    public int port() {
        return SharedRspamd.instance().port();
    }

    /** Stops rspamd: connections to its port are refused until {@link #start()} or the next test. */
    public void stop() {
        SharedRspamd.instance().stop();
    }

    /** Starts rspamd again on the same port, and returns once it answers. */
    public void start() {
        SharedRspamd.running();
    }

    public boolean isRunning() {
        return SharedRspamd.instance().isRunning();
    }

    /** rspamd's own log, which has one line per scanned message with its symbols. */
    public Path logFile() {
        return SharedRspamd.instance().logFile();
    }
}
