/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Makes the client's IP address readable from the {@link ImapSession}, where James 3.8.1 does not expose it (the
 * processors that count failed logins need it). Added by {@link PipeliningSafeImapServer} after James's handler,
 * which creates the session when the connection becomes active: this handler then copies the address into a
 * session attribute.
 */
public class ClientAddress extends ChannelInboundHandlerAdapter {
    private static final String ATTRIBUTE = "dev.mailfort.imap.clientAddress";

    /** The client's address, or {@code null} if the session was not created by our server. */
    public static InetAddress of(ImapSession session) {
        return (InetAddress) session.getAttribute(ATTRIBUTE);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        if (session != null && ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            session.setAttribute(ATTRIBUTE, remote.getAddress());
        }
        super.channelActive(ctx);
    }
}
