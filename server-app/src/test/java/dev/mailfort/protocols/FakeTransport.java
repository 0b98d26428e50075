/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols;

import java.net.InetSocketAddress;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;

/** A connection from a loopback client that is, or is not, encrypted; it never writes anything. */
public final class FakeTransport implements ProtocolTransport {
    private final boolean tlsStarted;

    private FakeTransport(boolean tlsStarted) {
        this.tlsStarted = tlsStarted;
    }

    public static FakeTransport clearText() {
        return new FakeTransport(false);
    }

    public static FakeTransport encrypted() {
        return new FakeTransport(true);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 25);
    }

    @Override
    public String getId() {
        return "fake";
    }

    @Override
    public boolean isTLSStarted() {
        return tlsStarted;
    }

    @Override
    public boolean isStartTLSSupported() {
        return true;
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return Optional.empty();
    }

    @Override
    public boolean isProxyRequired() {
        return false;
    }

    @Override
    public void writeResponse(Response response, ProtocolSession session) {
    }

    @Override
    public void popLineHandler() {
    }

    @Override
    public void pushLineHandler(LineHandler<? extends ProtocolSession> overrideCommandHandler, ProtocolSession session) {
    }

    @Override
    public void setReadable(boolean readable) {
    }

    @Override
    public boolean isReadable() {
        return true;
    }
}
