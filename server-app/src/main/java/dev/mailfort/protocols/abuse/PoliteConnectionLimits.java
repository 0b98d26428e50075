/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.protocols.netty.HandlerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * {@code connectionLimit} and {@code connectionLimitPerIP} with a reply: the refused client reads one line of the
 * protocol's own refusal (SMTP {@code 421 4.7.0}, RFC 5321 section 3.1; IMAP {@code * BYE}, RFC 3501 section 7.1.5;
 * POP3 {@code -ERR [SYS/TEMP]}, RFC 3206) before the connection closes. James 3.8.1 closes such a connection without a word, which a sending server cannot
 * tell from a network failure.
 *
 * <p>One instance per server, shared by all its connections ({@link #install} puts it in place of James's two
 * limit handlers, with the same configured limits). The refused connection never reaches the protocol: no session,
 * no greeting, its input is discarded. Over implicit TLS the reply goes out once the handshake is done; a client that
 * never completes it is dropped after {@link #REFUSED_LINGER_SECONDS}.
 */
@ChannelHandler.Sharable
public final class PoliteConnectionLimits extends ChannelInboundHandlerAdapter {
    public static final String NAME = "mailfortConnectionLimits";
    static final long REFUSED_LINGER_SECONDS = 10;

    private static final Logger LOGGER = LoggerFactory.getLogger(PoliteConnectionLimits.class);
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("mailfortCountedConnection");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("mailfortRefusedConnection");

    private final int maxConnections;
    private final int maxPerAddress;
    private final String tooManyFromAddress;
    private final String tooManyOverall;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> openByAddress = new ConcurrentHashMap<>();

    /**
     * @param maxConnections     connections open at once, all clients together; 0 for no limit
     * @param maxPerAddress      connections open at once from one IP address; 0 for no limit
     * @param tooManyFromAddress the line (without CRLF) sent to a client over {@code maxPerAddress}
     * @param tooManyOverall     the line sent when the server is over {@code maxConnections}
     */
    public PoliteConnectionLimits(int maxConnections, int maxPerAddress, String tooManyFromAddress, String tooManyOverall) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.tooManyFromAddress = tooManyFromAddress;
        this.tooManyOverall = tooManyOverall;
    }

    /**
     * Replaces James's connection limit handlers in a pipeline that James has built. Placed after the TLS handler
     * when there is one, so that the refusal is encrypted on implicit-TLS ports.
     */
    public void install(ChannelPipeline pipeline) {
        if (pipeline.get(HandlerConstants.CONNECTION_LIMIT_HANDLER) != null) {
            pipeline.remove(HandlerConstants.CONNECTION_LIMIT_HANDLER);
        }
        if (pipeline.get(HandlerConstants.CONNECTION_LIMIT_PER_IP_HANDLER) != null) {
            pipeline.remove(HandlerConstants.CONNECTION_LIMIT_PER_IP_HANDLER);
        }
        if (maxConnections <= 0 && maxPerAddress <= 0) {
            return;
        }
        if (pipeline.get(HandlerConstants.SSL_HANDLER) != null) {
            pipeline.addAfter(HandlerConstants.SSL_HANDLER, NAME, this);
        } else {
            pipeline.addFirst(NAME, this);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        String refusal = admit(client);
        if (refusal == null) {
            ctx.channel().attr(COUNTED).set(client);
            super.channelActive(ctx);
            return;
        }
        LOGGER.info("Refused a connection from {}: {}", client.getHostAddress(), refusal);
        ctx.channel().attr(REFUSED).set(true);
        ctx.writeAndFlush(Unpooled.copiedBuffer(refusal + "\r\n", StandardCharsets.US_ASCII))
            .addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.channel().close(), REFUSED_LINGER_SECONDS, TimeUnit.SECONDS);
    }

    private String admit(InetAddress client) {
        if (maxConnections > 0 && open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return tooManyOverall;
        } else if (maxConnections <= 0) {
            open.incrementAndGet();
        }
        if (maxPerAddress > 0) {
            AtomicInteger fromClient = openByAddress.computeIfAbsent(client, any -> new AtomicInteger());
            if (fromClient.incrementAndGet() > maxPerAddress) {
                release(client);
                return tooManyFromAddress;
            }
        }
        return null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
        if (client == null) {
            // refused: the protocol never saw this connection open, it must not see it close
            return;
        }
        release(client);
        super.channelInactive(ctx);
    }

    private void release(InetAddress client) {
        open.decrementAndGet();
        if (maxPerAddress > 0) {
            openByAddress.computeIfPresent(client, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }
}
