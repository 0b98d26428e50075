/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import org.apache.james.managesieve.transcode.ManageSieveProcessor;
import org.apache.james.managesieveserver.netty.ManageSieveServer;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.ChannelHandlerFactory;

/**
 * James's ManageSieve server with a line framer under which STARTTLS works, and which repeats the capabilities once
 * TLS is on ({@link StartTlsAwareLineDecoder}).
 */
final class TlsOnlyAuthManageSieveServer extends ManageSieveServer {
    private final String capabilitiesOverTls;
    private final ClientConnections connections;

    TlsOnlyAuthManageSieveServer(int maxLineLength, ManageSieveProcessor processor, String capabilitiesOverTls,
                                 ClientConnections connections) {
        super(maxLineLength, processor);
        this.capabilitiesOverTls = capabilitiesOverTls;
        this.connections = connections;
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        return pipeline -> new StartTlsAwareLineDecoder(pipeline, AbstractChannelPipelineFactory.MAX_LINE_LENGTH,
            capabilitiesOverTls, connections);
    }
}
