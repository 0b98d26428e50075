/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class StartTlsAwareLineDecoderTest {
    /** Stands in for James's ManageSieve handler: records whether reading was on when each command reached it. */
    private static final class CommandHandler extends ChannelInboundHandlerAdapter {
        private final boolean acceptsStartTls;
        private final List<String> autoReadWhenHandled = new ArrayList<>();

        CommandHandler(boolean acceptsStartTls) {
            this.acceptsStartTls = acceptsStartTls;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            String command = frame.toString(StandardCharsets.US_ASCII).trim();
            frame.release();
            autoReadWhenHandled.add(command + " autoRead=" + ctx.channel().config().isAutoRead());
            if (command.equalsIgnoreCase("STARTTLS") && acceptsStartTls) {
                // What James's handler does: answer, then add the TLS handler, then switch reading on.
                ctx.writeAndFlush(Unpooled.copiedBuffer("OK\r\n", StandardCharsets.US_ASCII));
                ctx.pipeline().addFirst(StartTlsAwareLineDecoder.TLS_HANDLER, new ChannelDuplexHandler());
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    private static EmbeddedChannel channelWith(CommandHandler handler) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(new StartTlsAwareLineDecoder(channel.pipeline(), 8192, "OK\r\n",
            new ClientConnections()));
        channel.pipeline().addLast(handler);
        return channel;
    }

    private static void send(EmbeddedChannel channel, String line) {
        channel.writeInbound(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
    }

    @Test
    void readingIsPausedFromStartTlsUntilTheTlsHandlerIsInPlace() {
        CommandHandler handler = new CommandHandler(true);
        EmbeddedChannel channel = channelWith(handler);

        send(channel, "STARTTLS\r\n");

        assertThat(handler.autoReadWhenHandled).containsExactly("STARTTLS autoRead=false");
        assertThat(channel.pipeline().get(StartTlsAwareLineDecoder.TLS_HANDLER)).isNotNull();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void readingResumesWhenStartTlsIsRefused() {
        CommandHandler handler = new CommandHandler(false);
        EmbeddedChannel channel = channelWith(handler);

        send(channel, "STARTTLS\r\n");

        assertThat(handler.autoReadWhenHandled).containsExactly("STARTTLS autoRead=false");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void otherCommandsLeaveReadingOn() {
        CommandHandler handler = new CommandHandler(true);
        EmbeddedChannel channel = channelWith(handler);

        send(channel, "CAPABILITY\r\n");
        send(channel, "NOOP\r\n");

        assertThat(handler.autoReadWhenHandled).containsExactly("CAPABILITY autoRead=true", "NOOP autoRead=true");
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
