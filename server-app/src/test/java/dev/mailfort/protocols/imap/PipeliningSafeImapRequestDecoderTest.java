/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapCommandParser;
import org.apache.james.imap.decode.main.DefaultImapDecoder;
import org.apache.james.imap.decode.parser.AppendCommandParser;
import org.apache.james.imap.decode.parser.ImapParserFactory;
import org.apache.james.imap.decode.parser.NoopCommandParser;
import org.apache.james.imap.message.request.AppendRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyConstants;
import org.apache.james.imapserver.netty.SwitchableLineBasedFrameDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * {@link PipeliningSafeImapRequestDecoder} in the same pipeline as on the server (James's line framer in front of it),
 * fed the bytes a pipelining client writes: each command must come out once, with its literal intact.
 */
class PipeliningSafeImapRequestDecoderTest {
    private static final int NO_LIMIT = 0;
    private static final int IN_MEMORY_LIMIT = 10 * 1024 * 1024;
    private static final int MAX_LINE_LENGTH = 65536;

    private final List<String> decoded = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void pipeline() throws Exception {
        UnpooledStatusResponseFactory responses = new UnpooledStatusResponseFactory();
        Map<String, ImapCommandParser> parsers = Map.of(
            "APPEND", new AppendCommandParser(responses, Clock.systemUTC()),
            "NOOP", new NoopCommandParser(responses));
        DefaultImapDecoder imapDecoder = new DefaultImapDecoder(responses, new ImapParserFactory(parsers));

        channel = new EmbeddedChannel(false, false);
        channel.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).set(authenticatedSession());
        channel.pipeline()
            .addLast(NettyConstants.FRAMER, new SwitchableLineBasedFrameDecoder(channel.pipeline(), MAX_LINE_LENGTH, false))
            .addLast(NettyConstants.REQUEST_DECODER,
                new PipeliningSafeImapRequestDecoder(imapDecoder, IN_MEMORY_LIMIT, NO_LIMIT, MAX_LINE_LENGTH))
            .addLast(NettyConstants.CORE_HANDLER, new Recorder());
        channel.register();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void commandsBeforeALiteralPlusAppendInTheSameReadAreDecodedOnce() {
        receive("a NOOP\r\nb NOOP\r\nc APPEND INBOX {5+}\r\nhello\r\n");

        assertThat(decoded).containsExactly("a NOOP", "b NOOP", "c APPEND hello");
    }

    @Test
    void commandsAfterTheLiteralInTheSameReadAreDecodedOnce() {
        receive("a APPEND INBOX {5+}\r\nhello\r\nb NOOP\r\nc NOOP\r\nd NOOP\r\ne NOOP\r\n");

        assertThat(decoded).containsExactly("a APPEND hello", "b NOOP", "c NOOP", "d NOOP", "e NOOP");
    }

    @Test
    void literalSpreadOverSeveralReadsDoesNotReplayTheCommandsReadBeforeIt() {
        // Long enough for the decoder to keep the bytes it has already decoded in front of the pending command.
        String part = "x".repeat(100);

        receive("a APPEND INBOX {5+}\r\nhello\r\nb NOOP\r\nc APPEND INBOX {300+}\r\n" + part);
        receive(part);
        receive(part + "\r\n");

        assertThat(decoded).containsExactly("a APPEND hello", "b NOOP", "c APPEND " + part + part + part);
    }

    @Test
    void severalLiteralPlusAppendsInOneReadAreEachDecodedOnce() {
        receive("a APPEND INBOX {3+}\r\none\r\nb APPEND INBOX {3+}\r\ntwo\r\nc APPEND INBOX {5+}\r\nthree\r\nd NOOP\r\n");

        assertThat(decoded).containsExactly("a APPEND one", "b APPEND two", "c APPEND three", "d NOOP");
    }

    @Test
    void synchronizingLiteralSentAfterTheContinuationIsDecodedOnce() {
        receive("a NOOP\r\nb APPEND INBOX {5}\r\n");
        receive("hello\r\n");

        assertThat(decoded).containsExactly("a NOOP", "b APPEND hello");
    }

    @Test
    void framingResumesAfterTheLiteral() {
        receive("a APPEND INBOX {5+}\r\nhello\r\n");
        receive("b NOOP\r\n");

        assertThat(decoded).containsExactly("a APPEND hello", "b NOOP");
        assertThat(channel.pipeline().get(NettyConstants.FRAMER)).isNotNull();
    }

    private void receive(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ImapRequest)) {
                // A decoding failure, answered by a status response
                decoded.add(msg.toString());
                return;
            }
            ImapRequest request = (ImapRequest) msg;
            String line = request.getTag().asString() + " " + request.getCommand().getName();
            if (request instanceof AppendRequest) {
                line += " " + literal((AppendRequest) request);
            }
            decoded.add(line);
        }

        private String literal(AppendRequest append) {
            try (InputStream content = append.getMessage().getInputStream()) {
                return new String(content.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Just enough of a session for decoding: authenticated, no attributes, no command injection check. */
    private static ImapSession authenticatedSession() {
        return (ImapSession) Proxy.newProxyInstance(ImapSession.class.getClassLoader(), new Class<?>[] {ImapSession.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getState")) {
                    return ImapSessionState.AUTHENTICATED;
                }
                if (method.getReturnType() == boolean.class) {
                    return false;
                }
                return null;
            });
    }
}
