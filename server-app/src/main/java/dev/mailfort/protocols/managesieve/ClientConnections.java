/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import java.util.Map;
import java.util.Optional;

import org.apache.james.managesieve.api.Session;

import com.google.common.collect.MapMaker;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The connection of each ManageSieve session. James 3.8.1's command processor sees only the {@link Session}, which
 * knows neither the client's address nor its connection; the line framer, which sees both, records them here.
 * Sessions are weak keys: a closed connection's entry goes with its session.
 */
final class ClientConnections {
    /** Where James's ManageSieve handler keeps the session on the channel (NettyConstants, package-private). */
    private static final AttributeKey<Object> SESSION = AttributeKey.valueOf("Session");

    private final Map<Session, Channel> channels = new MapMaker().weakKeys().makeMap();

    void remember(Channel channel) {
        Object session = channel.attr(SESSION).get();
        if (session instanceof Session manageSieveSession) {
            channels.putIfAbsent(manageSieveSession, channel);
        }
    }

    Optional<Channel> of(Session session) {
        return Optional.ofNullable(channels.get(session));
    }
}
