/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.apache.james.protocols.netty.HandlerConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;

/** {@link IncrementalScanLineFramer} frames as James's framer does, whatever the packet boundaries. */
class IncrementalScanLineFramerTest {
    private static final int MAX_LINE_LENGTH = 32768;

    private final List<String> lines = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void pipeline() {
        channel = new EmbeddedChannel();
        channel.pipeline()
            .addLast(HandlerConstants.FRAMER, new IncrementalScanLineFramer(channel.pipeline(), MAX_LINE_LENGTH))
            .addLast(HandlerConstants.CORE_HANDLER, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf line = (ByteBuf) msg;
                    lines.add(line.toString(StandardCharsets.US_ASCII));
                    line.release();
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    failures.add(cause);
                }
            });
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void lineTrickledOneByteAtATimeIsFramedOnce() {
        String line = "MAIL FROM:<" + "a".repeat(20_000) + "@example.com>\r\n";
        for (byte b : line.getBytes(StandardCharsets.US_ASCII)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(lines).containsExactly(line);
    }

    @Test
    void severalLinesInOnePacketAreFramedOneByOne() {
        channel.writeInbound(Unpooled.copiedBuffer("NOOP\r\nRSET\r\nNO", StandardCharsets.US_ASCII));
        channel.writeInbound(Unpooled.copiedBuffer("OP\r\n", StandardCharsets.US_ASCII));

        assertThat(lines).containsExactly("NOOP\r\n", "RSET\r\n", "NOOP\r\n");
    }

    @Test
    void lineOverTheLimitIsReportedOnce() {
        channel.writeInbound(Unpooled.copiedBuffer("x".repeat(MAX_LINE_LENGTH + 10), StandardCharsets.US_ASCII));
        channel.writeInbound(Unpooled.copiedBuffer("xx\r\nNOOP\r\n", StandardCharsets.US_ASCII));

        assertThat(failures).singleElement().isInstanceOf(TooLongFrameException.class);
        assertThat(lines).containsExactly("NOOP\r\n");
    }

    @Test
    void commandInjectedAfterStartTlsIsStillDetected() {
        channel.writeInbound(Unpooled.copiedBuffer("STARTTLS\r\nNOOP\r\n", StandardCharsets.US_ASCII));

        assertThat(failures).singleElement().extracting(Throwable::getCause)
            .isInstanceOf(CommandInjectionDetectedException.class);
    }

    @Test
    void clearTextAfterStartTlsInALaterPacketIsStillDetected() {
        channel.writeInbound(Unpooled.copiedBuffer("STARTTLS\r\n", StandardCharsets.US_ASCII));

        channel.writeInbound(Unpooled.copiedBuffer("NOOP", StandardCharsets.US_ASCII));

        assertThat(failures).singleElement().extracting(Throwable::getCause)
            .isInstanceOf(CommandInjectionDetectedException.class);
    }
}
