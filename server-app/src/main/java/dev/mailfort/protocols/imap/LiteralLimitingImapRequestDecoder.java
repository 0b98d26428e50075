/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The request decoder with literal limits (issue 7, item 5: CVE-2024-37358). James 3.8.1 checks only each literal
 * against {@code literalSizeLimit}, and does so the same before login, after having told the client to send it: a
 * stranger can make the server take tens of megabytes per connection without logging in, and a command may carry any
 * number of literals. Here every literal of a command is checked against {@link LiteralLimits} before the client is
 * asked for it; a refused literal gets one tagged {@code BAD}, and the connection reads on with the next command.
 * The go-ahead for synchronizing literals is ours too ({@link LiteralGoAhead}): James's is missing for the second
 * and later literals of a command. A refused non-synchronizing literal ({@code {n+}}) is already on its way, and reading it as commands would make
 * no sense: the session ends with {@code BYE} (RFC 7888 section 4 leaves the server that choice).
 *
 * <p>Remove when the base James has limits of its own before login (3.8.2 has a fixed 8 kB one, 3.9 a setting), after
 * running {@code ImapHostileInputTest} against it.
 */
public class LiteralLimitingImapRequestDecoder extends PipeliningSafeImapRequestDecoder {
    private static final Logger LOGGER = LoggerFactory.getLogger(LiteralLimitingImapRequestDecoder.class);
    private static final StatusResponseFactory RESPONSES = new UnpooledStatusResponseFactory();

    private boolean hangingUp;

    private final LiteralGoAhead goAhead;

    public LiteralLimitingImapRequestDecoder(ImapDecoder decoder, int inMemorySizeLimit, int literalSizeLimit,
                                             int maxFrameLength) {
        this(decoder, inMemorySizeLimit, literalSizeLimit, maxFrameLength, new LiteralGoAhead());
    }

    private LiteralLimitingImapRequestDecoder(ImapDecoder decoder, int inMemorySizeLimit, int literalSizeLimit,
                                              int maxFrameLength, LiteralGoAhead goAhead) {
        super(new LiteralLimitingImapDecoder(decoder, LiteralLimits.afterLogin(literalSizeLimit), goAhead),
            inMemorySizeLimit, literalSizeLimit, maxFrameLength);
        this.goAhead = goAhead;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (hangingUp) {
            in.skipBytes(in.readableBytes());
            return;
        }
        goAhead.decoding(ctx, in);
        try {
            super.decode(ctx, in, out);
        } catch (LiteralRefusedException refused) {
            LOGGER.info("IMAP literal refused: {}", refused.getMessage());
            if (refused.synchronizing()) {
                refuseAndReadOn(ctx, refused, out);
            } else {
                refuseAndHangUp(ctx, in, refused);
            }
        } finally {
            goAhead.done();
        }
    }

    private void refuseAndReadOn(ChannelHandlerContext ctx, LiteralRefusedException refused, List<Object> out) {
        // James's reader stopped right after the line that announced the literal: what follows is a new command.
        Map<String, Object> pending = ctx.channel().attr(NettyConstants.FRAME_DECODE_ATTACHMENT_ATTRIBUTE_KEY).get();
        if (pending != null) {
            pending.clear();
        }
        enableFraming(ctx);
        HumanReadableText reason = new HumanReadableText("dev.mailfort.imap.LITERAL_REFUSED", refused.getMessage());
        out.add(refused.tag()
            .map(tag -> RESPONSES.taggedBad(tag, null, reason))
            .orElseGet(() -> RESPONSES.untaggedBad(reason)));
    }

    /**
     * Written straight to the connection: James's own way out (a BYE response, then logout) closes the connection
     * before the responses are written.
     */
    private void refuseAndHangUp(ChannelHandlerContext ctx, ByteBuf in, LiteralRefusedException refused) {
        hangingUp = true;
        ctx.channel().config().setAutoRead(false);
        in.skipBytes(in.readableBytes());
        String tag = refused.tag().map(Tag::asString).orElse("*");
        String reply = tag + " BAD " + refused.getMessage() + "\r\n* BYE Refused literal, closing the connection\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII))
            .addListener(ChannelFutureListener.CLOSE);
    }
}
