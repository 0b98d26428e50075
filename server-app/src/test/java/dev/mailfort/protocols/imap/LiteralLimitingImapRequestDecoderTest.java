/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapCommandParser;
import org.apache.james.imap.decode.main.DefaultImapDecoder;
import org.apache.james.imap.decode.parser.ImapParserFactory;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.decode.parser.NoopCommandParser;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyConstants;
import org.apache.james.imapserver.netty.SwitchableLineBasedFrameDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * {@link LiteralLimitingImapRequestDecoder} before login, in the server's pipeline (James's framer in front): what
 * the core handler receives and what the client is sent for each literal announcement.
 */
class LiteralLimitingImapRequestDecoderTest {
    private static final int IN_MEMORY_LIMIT = 10 * 1024 * 1024;
    private static final int LITERAL_LIMIT = 50 * 1024 * 1024;
    private static final int MAX_LINE_LENGTH = 65536;

    private final List<String> decoded = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void pipeline() throws Exception {
        UnpooledStatusResponseFactory responses = new UnpooledStatusResponseFactory();
        Map<String, ImapCommandParser> parsers = Map.of(
            "LOGIN", new LoginCommandParser(responses),
            "NOOP", new NoopCommandParser(responses));
        DefaultImapDecoder imapDecoder = new DefaultImapDecoder(responses, new ImapParserFactory(parsers));

        channel = new EmbeddedChannel(false, false);
        channel.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).set(sessionBeforeLogin());
        channel.attr(NettyConstants.FRAME_DECODE_ATTACHMENT_ATTRIBUTE_KEY).set(new java.util.HashMap<>());
        channel.pipeline()
            .addLast(NettyConstants.FRAMER, new SwitchableLineBasedFrameDecoder(channel.pipeline(), MAX_LINE_LENGTH, false))
            .addLast(NettyConstants.REQUEST_DECODER,
                new LiteralLimitingImapRequestDecoder(imapDecoder, IN_MEMORY_LIMIT, LITERAL_LIMIT, MAX_LINE_LENGTH))
            .addLast(NettyConstants.CORE_HANDLER, new Recorder());
        channel.register();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void loginWithTwoSynchronizingLiteralsIsDecodedAfterTwoContinuations() {
        receive("a LOGIN {3}\r\n");
        assertThat(sent()).isEqualTo("+ Ok\r\n");
        receive("bob {6}\r\n");
        assertThat(sent()).isEqualTo("+ Ok\r\n");
        receive("secret\r\n");

        assertThat(decoded).containsExactly("a LOGIN bob");
    }

    @Test
    void loginWithTwoNonSynchronizingLiteralsIsDecoded() {
        receive("a LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n");

        assertThat(decoded).containsExactly("a LOGIN bob");
    }

    @Test
    void literalOverTheLimitBeforeLoginIsRefusedWithoutContinuation() {
        receive("a LOGIN {8193}\r\n");

        assertThat(sent()).isEmpty();
        assertThat(decoded).containsExactly("BAD a");
        receive("b NOOP\r\n");
        assertThat(decoded).containsExactly("BAD a", "b NOOP");
    }

    @Test
    void unparsableLiteralSizeIsRefusedWithoutContinuation() {
        receive("a LOGIN {4294967295}\r\n");

        assertThat(sent()).isEmpty();
        assertThat(decoded).containsExactly("BAD a");
    }

    @Test
    void nonSynchronizingLiteralOverTheLimitEndsTheConnection() {
        receive("a LOGIN {100000+}\r\nxxxx");

        assertThat(sent()).startsWith("a BAD ").contains("* BYE ");
        assertThat(decoded).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    private void receive(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    private String sent() {
        StringBuilder text = new StringBuilder();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) out;
            text.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return text.toString();
    }

    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof StatusResponse) {
                StatusResponse status = (StatusResponse) msg;
                decoded.add(status.getServerResponseType() + " " + (status.getTag() == null ? "*" : status.getTag().asString()));
            } else if (msg instanceof LoginRequest) {
                LoginRequest login = (LoginRequest) msg;
                decoded.add(login.getTag().asString() + " LOGIN " + login.getUserid().asString());
            } else {
                ImapRequest request = (ImapRequest) msg;
                decoded.add(request.getTag().asString() + " " + request.getCommand().getName());
            }
        }
    }

    private static ImapSession sessionBeforeLogin() {
        return (ImapSession) Proxy.newProxyInstance(ImapSession.class.getClassLoader(), new Class<?>[] {ImapSession.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getState")) {
                    return ImapSessionState.NON_AUTHENTICATED;
                }
                if (method.getReturnType() == boolean.class) {
                    return false;
                }
                return null;
            });
    }
}
