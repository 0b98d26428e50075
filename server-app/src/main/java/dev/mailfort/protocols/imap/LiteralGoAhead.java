/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/**
 * Tells a client to send a synchronizing literal ({@code + Ok}), once per literal.
 *
 * <p>James 3.8.1 sends the go-ahead only when it parses a command for the first time; it parses the command again
 * from its start each time more of it arrives, so the second and later synchronizing literals of a command (e.g.
 * {@code LOGIN {3}} then {@code bob {6}}) never get one and the client waits forever. The rule here: the go-ahead is
 * due when nothing follows the literal's announcement yet. A client that waits for it sends nothing more, and once
 * the literal's octets flow, re-parsing the same announcement finds them behind it.
 *
 * <p>Holds the input of the decode in progress; used on the connection's event loop only.
 */
final class LiteralGoAhead {
    private static final byte[] GO_AHEAD = "+ Ok\r\n".getBytes(StandardCharsets.US_ASCII);

    private ChannelHandlerContext ctx;
    private ByteBuf input;

    void decoding(ChannelHandlerContext ctx, ByteBuf input) {
        this.ctx = ctx;
        this.input = input;
    }

    void done() {
        this.ctx = null;
        this.input = null;
    }

    /** Sends the go-ahead if the client is waiting for it: called right after the announcement's line end. */
    void askIfWaiting() {
        // Re-parses of a literal spooled to a file run on another thread, with the whole command at hand.
        if (ctx != null && ctx.executor().inEventLoop() && !input.isReadable()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(GO_AHEAD));
        }
    }
}
