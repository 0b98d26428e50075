/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.util.Size;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

import dev.mailfort.protocols.abuse.PoliteConnectionLimits;

/**
 * James's IMAP server with {@link PipeliningSafeImapRequestDecoder} in place of James's request decoder in every
 * connection's pipeline. Everything else of the pipeline is James's own: it is built first, then only the decoder is
 * swapped, under the same name. {@link ClientAddress} is added at the end, for the failed-login limits.
 *
 * <p>Remove together with {@link PipeliningSafeImapRequestDecoder}.
 */
public class PipeliningSafeImapServer extends IMAPServer {
    private final ImapDecoder decoder;
    private int maxLineLength;
    private int inMemorySizeLimit;
    private int literalSizeLimit;

    public PipeliningSafeImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor,
                                    ImapMetrics imapMetrics, GaugeRegistry gaugeRegistry) {
        super(decoder, encoder, processor, imapMetrics, gaugeRegistry);
        this.decoder = decoder;
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.doConfigure(configuration);
        // The same settings, with the same defaults, as IMAPServer gives its own decoder (its fields are private).
        maxLineLength = configuration.getInt("maxLineLength", DEFAULT_MAX_LINE_LENGTH);
        inMemorySizeLimit = Math.toIntExact(size(configuration, "inMemorySizeLimit")
            .orElse(DEFAULT_IN_MEMORY_SIZE_LIMIT).asBytes());
        literalSizeLimit = size(configuration, "literalSizeLimit")
            .map(size -> Math.toIntExact(size.asBytes()))
            .orElse(DEFAULT_LITERAL_SIZE_LIMIT);
    }

    private static Optional<Size> size(HierarchicalConfiguration<ImmutableNode> configuration, String key) {
        return Optional.ofNullable(configuration.getString(key, null)).map(Size::parse);
    }

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        ChannelInitializer<?> jamesPipeline = super.createPipelineFactory();
        // connectionLimit / connectionLimitPerIP answered "* BYE" (RFC 3501 section 7.1.5) instead of a silent close.
        PoliteConnectionLimits connectionLimits = new PoliteConnectionLimits(connectionLimit, connPerIP,
            "* BYE Too many connections from your address, try again later",
            "* BYE Too many connections, try again later");
        return new AbstractChannelPipelineFactory<SocketChannel>(getFrameHandlerFactory(), getExecutorGroup()) {
            @Override
            protected void initChannel(SocketChannel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                // The channel is registered: James's initializer runs as soon as it is added, then removes itself.
                pipeline.addLast(jamesPipeline);
                if (pipeline.get(REQUEST_DECODER) == null) {
                    throw new IllegalStateException("James's IMAP pipeline has no " + REQUEST_DECODER + " to replace");
                }
                pipeline.replace(REQUEST_DECODER, REQUEST_DECODER,
                    new LiteralLimitingImapRequestDecoder(decoder, inMemorySizeLimit, literalSizeLimit, maxLineLength));
                // After James's handler, whose channelActive creates the session this one annotates.
                pipeline.addLast(new ClientAddress());
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
