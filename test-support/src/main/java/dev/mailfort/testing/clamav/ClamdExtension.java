/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.mailfort.local.clamav.LocalClamd;

/**
 * Gives a test class a real clamd (Debian's {@code clamav-daemon}) that detects EICAR as
 * {@link Eicar#REPORTED_SIGNATURE_NAME} and nothing else.
 *
 * <pre>
 * &#64;RegisterExtension
 * static ClamdExtension clamd = new ClamdExtension();
 *
 * &#64;Test
 * void detectsEicar() {
 *     ClamdClient client = new ClamdClient(ClamdSettings.builder().host(clamd.host()).port(clamd.port()).build());
 *     ...
 *     clamd.stop();   // the scanner goes away; the next test gets it back even if this one fails before start()
 *     clamd.start();  // back on the same port
 * }
 * </pre>
 *
 * <p>The daemon is the JVM's {@link SharedClamd}, started on first use and stopped at exit; its StreamMaxLength is
 * {@link SharedClamd#STREAM_MAX_LENGTH}. Before each test it is started again if a test stopped it.
 */
public final class ClamdExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        clamd().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clamd().start();
    }

    public String host() {
        return clamd().host();
    }

    public int port() {
        return clamd().port();
    }

    /** clamd's StreamMaxLength in bytes. */
    public long streamMaxLength() {
        return clamd().streamMaxLength();
    }

    /** Stops clamd; its port then refuses connections until {@link #start()}. */
    public void stop() {
        clamd().stop();
    }

    /** Starts clamd again on the same port, and returns once it answers PING; does nothing if it runs. */
    public void start() {
        clamd().start();
    }

    public boolean isRunning() {
        return clamd().isRunning();
    }

    /** The process itself, for its log file and directory. */
    public LocalClamd clamd() {
        return SharedClamd.get();
    }
}
