/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.List;

import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imapserver.netty.ImapRequestFrameDecoder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * James 3.8.1's IMAP request decoder, corrected so that pipelined commands run once when a literal is pending
 * (issue 12, item 1: a pipelined {@code STORE +FLAGS (\Deleted)} / {@code EXPUNGE} followed by an APPEND with a
 * LITERAL+ literal ran twice and deleted a second message).
 *
 * <p>Two faults of {@link ImapRequestFrameDecoder} combine:
 * <ol>
 * <li>When a command line announces a literal that has not fully arrived, the decoder removes the line framer
 * from the pipeline from inside its own {@code decode}. Netty hands the framer's unread bytes (the literal, and
 * whatever follows it in the same read) straight back to this decoder, re-entrantly, while the outer decode still
 * holds the command line. The re-entrant call takes the framer's whole receive buffer as its cumulation; the
 * command line that announced the literal is lost, so the literal's lines are decoded as commands ({@code BAD
 * Unknown command}).</li>
 * <li>While waiting for the rest of a literal, the decoder rewinds its cumulation with
 * {@code ByteBuf.resetReaderIndex()}, to a mark nobody set: index 0 of the buffer. When that buffer starts with
 * commands already decoded (the framer's buffer from fault 1, or earlier pipelined commands in this decoder's own
 * cumulation), they are decoded and executed again.</li>
 * </ol>
 * The correction: the mark is set to where each decode starts (the start of the pending command), and the framer
 * is removed only once the current read has left the decoder, so that its leftover bytes are appended after the
 * pending command line like any other incoming data.
 *
 * <p>Remove when the base is upgraded to a James whose IMAP literal handling was reworked (JAMES-4043 and
 * related changes after 3.8.1): run {@code ImapPipeliningTest} and {@code PipeliningSafeImapRequestDecoderTest}
 * against the stock decoder first.
 */
public class PipeliningSafeImapRequestDecoder extends ImapRequestFrameDecoder {
    // Only touched on the channel's event loop.
    private boolean inChannelRead;
    private boolean framerRemovalDeferred;

    public PipeliningSafeImapRequestDecoder(ImapDecoder decoder, int inMemorySizeLimit, int literalSizeLimit,
                                            int maxFrameLength) {
        super(decoder, inMemorySizeLimit, literalSizeLimit, maxFrameLength);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        // The base class rewinds to the mark when it keeps waiting for a literal: that must be this command's start.
        in.markReaderIndex();
        super.decode(ctx, in, out);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean outermost = !inChannelRead;
        inChannelRead = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            if (outermost) {
                inChannelRead = false;
            }
        }
        if (outermost && framerRemovalDeferred) {
            framerRemovalDeferred = false;
            // The framer passes its unread bytes to channelRead now, after the pending command line.
            super.disableFraming(ctx);
        }
    }

    @Override
    public void disableFraming(ChannelHandlerContext ctx) {
        if (inChannelRead && ctx.executor().inEventLoop()) {
            framerRemovalDeferred = true;
        } else {
            super.disableFraming(ctx);
        }
    }

    @Override
    public void enableFraming(ChannelHandlerContext ctx) {
        if (ctx.executor().inEventLoop()) {
            framerRemovalDeferred = false;
        }
        super.enableFraming(ctx);
    }
}
