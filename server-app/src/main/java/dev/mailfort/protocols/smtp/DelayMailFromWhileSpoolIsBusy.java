/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.smtpserver.ExtendedSMTPSession;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Holds a session's {@code MAIL FROM} line while {@link InFlowGate} says the pipeline is behind, and stops reading
 * from that connection meanwhile; then hands the line, and whatever the client pipelined after it, to James in
 * order. The client simply sees a slower {@code 250} to MAIL FROM.
 *
 * <p>Only the start of a transaction waits: a message already being sent is never held, so a client is never cut
 * off in the middle of one, and RSET, QUIT, NOOP and EHLO are answered at once. The wait happens on the
 * connection's event loop through a callback, never by blocking it (James runs SMTP commands on those threads).
 *
 * <p>Sits just before James's core handler, after the line framer; one instance per connection.
 */
public class DelayMailFromWhileSpoolIsBusy extends ChannelInboundHandlerAdapter {
    public static final String NAME = "inFlowDelay";
    private static final byte[] MAIL_FROM = "MAIL FROM:".getBytes(StandardCharsets.US_ASCII);

    private final InFlowGate gate;
    private final InFlowDelay settings;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private InFlowGate.Waiter waiter;

    public DelayMailFromWhileSpoolIsBusy(InFlowGate gate, InFlowDelay settings) {
        this.gate = gate;
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (waiter != null || !held.isEmpty()) {
            held.add(msg);
            return;
        }
        if (mustWait(ctx, msg)) {
            held.add(msg);
            pause(ctx);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (waiter == null) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropHeld();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropHeld();
    }

    private void pause(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        waiter = gate.await(settings.maxDelay(), ctx.executor(), () -> ctx.executor().execute(() -> resume(ctx)));
    }

    private void resume(ChannelHandlerContext ctx) {
        if (waiter == null) {
            return;
        }
        waiter = null;
        if (!ctx.channel().isActive()) {
            dropHeld();
            return;
        }
        // The line that waited goes through without asking again: its turn has come.
        ctx.fireChannelRead(held.poll());
        while (!held.isEmpty()) {
            if (mustWait(ctx, held.peek())) {
                pause(ctx);
                return;
            }
            ctx.fireChannelRead(held.poll());
        }
        ctx.fireChannelReadComplete();
        ctx.channel().config().setAutoRead(true);
    }

    private void dropHeld() {
        if (waiter != null) {
            waiter.cancel();
            waiter = null;
        }
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean mustWait(ChannelHandlerContext ctx, Object msg) {
        return startsTransaction(ctx, msg) && gate.mustWait(settings.backlogThreshold());
    }

    /** A MAIL FROM command line, not a line of a message being received. */
    private static boolean startsTransaction(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            return false;
        }
        ByteBuf line = (ByteBuf) msg;
        if (line.readableBytes() < MAIL_FROM.length) {
            return false;
        }
        int start = line.readerIndex();
        for (int i = 0; i < MAIL_FROM.length; i++) {
            if (Character.toUpperCase(line.getByte(start + i)) != MAIL_FROM[i]) {
                return false;
            }
        }
        Object session = ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
        return !(session instanceof ExtendedSMTPSession) || ((ExtendedSMTPSession) session).getMimeMessageWriter() == null;
    }
}
