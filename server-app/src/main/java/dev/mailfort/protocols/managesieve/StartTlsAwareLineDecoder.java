/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import java.nio.charset.StandardCharsets;

import org.apache.james.protocols.api.CommandDetectionSession;
import org.apache.james.protocols.netty.AllButStartTlsLineBasedChannelHandler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;

/**
 * James's STARTTLS-aware line framer, made to find the ManageSieve session. James 3.8.1's framer looks for it under
 * the channel attribute {@code "session"}, where ManageSieve keeps none (its session is under {@code "Session"}, and
 * the object that can switch off the injection check, its response writer, under {@code "ResponseWriter"}). Without
 * it, the check stays on after STARTTLS and every read on the encrypted channel is taken for a command injection:
 * STARTTLS, hence authentication, never worked. Here the check is the response writer's, which James's ManageSieve
 * handler switches off once TLS is on; before that, text pipelined after STARTTLS is still refused.
 *
 * <p>Reading stops from the moment STARTTLS is framed until James's handler has put its TLS handler into the
 * pipeline. James's ManageSieve handlers run on a thread pool: it writes the OK, then adds the TLS handler, and a
 * client quick to send its ClientHello after the OK could have it read before the TLS handler was there. It then
 * reached the line framer as text, and the handshake died ("Remote host terminated the handshake"). James's framer
 * says it stops reading at STARTTLS but does not.
 *
 * <p>It also records each session's connection ({@link ClientConnections}) for the failed-login limits.
 *
 * <p>Once the TLS handshake is done, the capabilities are sent again, followed by OK, as RFC 5804 section 2.2
 * requires (James 3.8.1 sends nothing, and clients that follow the RFC wait for them): they may differ from the
 * greeting's, here by the SASL mechanisms that are only offered over TLS.
 */
final class StartTlsAwareLineDecoder extends AllButStartTlsLineBasedChannelHandler {
    /** The name James's ManageSieve handler stores its response writer under (NettyConstants, package-private). */
    private static final AttributeKey<Object> RESPONSE_WRITER = AttributeKey.valueOf("ResponseWriter");
    /** Set by James's framer when it lets STARTTLS through: tells a STARTTLS handshake from an implicit TLS one. */
    private static final AttributeKey<Object> START_TLS_IN_FLIGHT = AttributeKey.valueOf("startTlsInFlight");
    /** The name James's ManageSieve handler gives the TLS handler it adds after STARTTLS. */
    static final String TLS_HANDLER = "sslHandler";

    private final String capabilitiesOverTls;
    private final ClientConnections connections;

    /** @param capabilitiesOverTls the capability lines and the final OK, each line ending with CRLF */
    StartTlsAwareLineDecoder(ChannelPipeline pipeline, int maxFrameLength, String capabilitiesOverTls,
                             ClientConnections connections) {
        super(pipeline, maxFrameLength, false, "starttls");
        this.capabilitiesOverTls = capabilitiesOverTls;
        this.connections = connections;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // Before the first command reaches the processor, which then can tell whose login failed.
        connections.remember(ctx.channel());
        super.channelRead(ctx, msg);
        // The framer and the ManageSieve handler share one executor, so the STARTTLS framed above has been answered
        // by now. If it was refused, no TLS handler comes to switch reading back on.
        if (!ctx.channel().config().isAutoRead() && ctx.pipeline().get(TLS_HANDLER) == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        Object frame = super.decode(ctx, buffer);
        if (frame != null && startTlsFramedBeforeTls(ctx)) {
            // Queued on the event loop ahead of the OK, so nothing the client sends after the OK is read until
            // James's handler switches reading on again, after its TLS handler is in place.
            ctx.channel().config().setAutoRead(false);
        }
        return frame;
    }

    private boolean startTlsFramedBeforeTls(ChannelHandlerContext ctx) {
        CommandDetectionSession session = retrieveSession(ctx);
        return Boolean.TRUE.equals(ctx.channel().attr(START_TLS_IN_FLIGHT).get())
            && (session == null || session.needsCommandInjectionDetection());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()
                && Boolean.TRUE.equals(ctx.channel().attr(START_TLS_IN_FLIGHT).get())) {
            ctx.channel().writeAndFlush(Unpooled.wrappedBuffer(capabilitiesOverTls.getBytes(StandardCharsets.UTF_8)));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected CommandDetectionSession retrieveSession(ChannelHandlerContext ctx) {
        Object writer = ctx.channel().attr(RESPONSE_WRITER).get();
        return writer instanceof CommandDetectionSession session ? session : null;
    }
}
