/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

import dev.mailfort.protocols.abuse.PoliteConnectionLimits;

/**
 * James's SMTP server with a configurable line length limit ({@code <maxLineLength>} in {@code smtpserver.xml},
 * octets, default {@value #DEFAULT_MAX_LINE_LENGTH}; James 3.8.1 has a fixed 8192) and {@link OverlongDataLineGuard}
 * in every connection's pipeline, so that a message with a longer line gets one refusal instead of two replies.
 *
 * <p>RFC 5321 section 4.5.3.1.6 sets 1000 octets, but generated mail (HTML without line breaks) is sent with much
 * longer lines every day, and refusing it would lose real mail: the limit only bounds what one connection buffers.
 * The line decoder and James's STARTTLS command injection check stay James's own, called less often
 * ({@link IncrementalScanLineFramer}).
 *
 * <p>Also holds MAIL FROM while the mailet pipeline is behind ({@link DelayMailFromWhileSpoolIsBusy}, settings
 * {@code <inFlowDelay>} and {@code <inFlowBacklog>}, see {@link InFlowDelay}).
 *
 * <p>Remove the line length part when the base James answers overlong DATA lines once (not the case up to 3.8.2).
 */
public class LongLineSafeSmtpServer extends SMTPServer {
    public static final int DEFAULT_MAX_LINE_LENGTH = 65536;

    private final InFlowGate inFlowGate;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private InFlowDelay inFlowDelay;

    public LongLineSafeSmtpServer(SmtpMetrics smtpMetrics, InFlowGate inFlowGate) {
        super(smtpMetrics);
        this.inFlowGate = inFlowGate;
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.doConfigure(configuration);
        maxLineLength = configuration.getInt("maxLineLength", DEFAULT_MAX_LINE_LENGTH);
        if (maxLineLength < 1000) {
            throw new ConfigurationException("maxLineLength must be at least 1000 octets (RFC 5321), got " + maxLineLength);
        }
        inFlowDelay = InFlowDelay.from(configuration);
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        return pipeline -> new IncrementalScanLineFramer(pipeline, maxLineLength);
    }

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        ChannelInitializer<?> jamesPipeline = super.createPipelineFactory();
        // connectionLimit / connectionLimitPerIP answered "421 4.7.0" instead of a silent close.
        PoliteConnectionLimits connectionLimits = new PoliteConnectionLimits(connectionLimit, connPerIP,
            "421 4.7.0 Too many connections from your address, try again later",
            "421 4.7.0 Too many connections, try again later");
        return new AbstractChannelPipelineFactory<SocketChannel>(getFrameHandlerFactory(), getExecutorGroup()) {
            @Override
            protected void initChannel(SocketChannel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                // The channel is registered: James's initializer runs as soon as it is added, then removes itself.
                pipeline.addLast(jamesPipeline);
                if (pipeline.get(HandlerConstants.CORE_HANDLER) == null) {
                    throw new IllegalStateException("James's SMTP pipeline has no " + HandlerConstants.CORE_HANDLER);
                }
                pipeline.addBefore(HandlerConstants.CORE_HANDLER, OverlongDataLineGuard.NAME,
                    new OverlongDataLineGuard(maxLineLength));
                if (inFlowDelay.enabled()) {
                    pipeline.addBefore(OverlongDataLineGuard.NAME, DelayMailFromWhileSpoolIsBusy.NAME,
                        new DelayMailFromWhileSpoolIsBusy(inFlowGate, inFlowDelay));
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
