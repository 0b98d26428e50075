/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.pop3;

import org.apache.james.pop3server.netty.POP3Server;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.HandlerConstants;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

import dev.mailfort.protocols.abuse.PoliteConnectionLimits;

/**
 * James's POP3 server whose {@code connectionLimit} and {@code connectionLimitPerIP} answer before closing:
 * {@code -ERR [SYS/TEMP] ...}, the RFC 3206 response code for a temporary problem on the server's side, which tells
 * a client to try again later rather than to ask its user for another password. James 3.8.1 closes the connection
 * without a reply, which a client reports as a network error.
 */
public class PoliteLimitsPop3Server extends POP3Server {
    static final String TOO_MANY_FROM_ADDRESS = "-ERR [SYS/TEMP] Too many connections from your address, try again later";
    static final String TOO_MANY_OVERALL = "-ERR [SYS/TEMP] Too many connections, try again later";

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        ChannelInitializer<?> jamesPipeline = super.createPipelineFactory();
        PoliteConnectionLimits connectionLimits = new PoliteConnectionLimits(connectionLimit, connPerIP,
            TOO_MANY_FROM_ADDRESS, TOO_MANY_OVERALL);
        return new AbstractChannelPipelineFactory<SocketChannel>(getFrameHandlerFactory(), getExecutorGroup()) {
            @Override
            protected void initChannel(SocketChannel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                // The channel is registered: James's initializer runs as soon as it is added, then removes itself.
                pipeline.addLast(jamesPipeline);
                if (pipeline.get(HandlerConstants.CORE_HANDLER) == null) {
                    throw new IllegalStateException("James's POP3 pipeline has no " + HandlerConstants.CORE_HANDLER);
                }
                connectionLimits.install(pipeline);
            }

            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                // Not called: initChannel above delegates to James's initializer, which creates the core handler.
                throw new UnsupportedOperationException();
            }
        };
    }
}
