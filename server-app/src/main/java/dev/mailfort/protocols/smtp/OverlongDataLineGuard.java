/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.smtpserver.ExtendedSMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Refuses a message that contains a line longer than the listener's limit with one reply at the end of DATA, and
 * keeps the session in step (issue 7, item 4).
 *
 * <p>James 3.8.1 answers an overlong line the moment its line decoder drops it ({@code 500 Line length exceeded}),
 * even inside DATA, then goes on reading the message without that line and answers {@code 250} to the final dot:
 * two replies for one command, every later reply of the session shifted by one, and a message delivered with a line
 * silently missing. Here, inside DATA, the decoder's complaint is kept back, the rest of the message is discarded up
 * to the end-of-data line, and only then one {@code 552 5.3.4} is written and the transaction is reset, as if the
 * client had sent RSET. Outside DATA James's single {@code 500} reply is right and is left alone.
 *
 * <p>Sits in each connection's pipeline just before James's core handler, on the same event loop, so that it sees
 * the lines in the order the core handler does. One instance per connection.
 */
public class OverlongDataLineGuard extends ChannelInboundHandlerAdapter {
    public static final String NAME = "overlongDataLineGuard";
    private static final Logger LOGGER = LoggerFactory.getLogger(OverlongDataLineGuard.class);

    private final int maxLineLength;
    private boolean discardingMessage;

    public OverlongDataLineGuard(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof TooLongFrameException && receivingMessage(ctx)) {
            LOGGER.info("Line longer than {} octets in DATA: the message will be refused", maxLineLength);
            discardingMessage = true;
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!discardingMessage || !(msg instanceof ByteBuf)) {
            super.channelRead(ctx, msg);
            return;
        }
        ByteBuf line = (ByteBuf) msg;
        boolean endOfData;
        try {
            endOfData = isEndOfData(line);
        } finally {
            line.release();
        }
        if (endOfData) {
            discardingMessage = false;
            refuseMessage(ctx);
        }
    }

    private void refuseMessage(ChannelHandlerContext ctx) {
        ExtendedSMTPSession session = session(ctx);
        if (session == null) {
            return;
        }
        session.popLineHandler();
        session.resetState();
        SMTPResponse refusal = new SMTPResponse("552", "5.3.4 Message refused: a line is longer than "
            + maxLineLength + " octets");
        ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(refusal, session);
    }

    /** Between the 354 and the end of the message: James creates the message's buffer at DATA, drops it after. */
    private static boolean receivingMessage(ChannelHandlerContext ctx) {
        ExtendedSMTPSession session = session(ctx);
        return session != null && session.getMimeMessageWriter() != null;
    }

    private static ExtendedSMTPSession session(ChannelHandlerContext ctx) {
        Object session = ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
        return session instanceof ExtendedSMTPSession ? (ExtendedSMTPSession) session : null;
    }

    /** Exactly "." CRLF: a bare LF never ends DATA (James refuses it as SMTP smuggling, and so do we here). */
    private static boolean isEndOfData(ByteBuf line) {
        int start = line.readerIndex();
        return line.readableBytes() == 3
            && line.getByte(start) == '.'
            && line.getByte(start + 1) == '\r'
            && line.getByte(start + 2) == '\n';
    }
}
