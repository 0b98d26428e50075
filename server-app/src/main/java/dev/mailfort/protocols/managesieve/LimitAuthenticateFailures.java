/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.apache.james.managesieve.api.Session;
import org.apache.james.managesieve.api.commands.CoreCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;
import dev.mailfort.protocols.abuse.Penalty;

/**
 * ManageSieve's share of the failed-login limits of {@code conf/abuse.properties} (the tracker SMTP, IMAP and POP3
 * use): a failed AUTHENTICATE counts against the client's address, slows its next command down once over the
 * threshold, and a blocked address gets {@code NO (TRYLATER)} (RFC 5804 section 1.3: temporary, try later) before
 * any credentials are checked. Without it, port 4190 would let a password be guessed at full speed.
 *
 * <p>Only failures over TLS count: before it, {@link AuthenticateOnlyOverTls} refuses without checking anything.
 */
final class LimitAuthenticateFailures extends ForwardingCoreCommands {
    private static final Logger LOGGER = LoggerFactory.getLogger(LimitAuthenticateFailures.class);

    private final AuthFailureTracker tracker;
    private final ClientConnections connections;

    LimitAuthenticateFailures(CoreCommands delegate, AuthFailureTracker tracker, ClientConnections connections) {
        super(delegate);
        this.tracker = tracker;
        this.connections = connections;
    }

    @Override
    public String chooseMechanism(Session session, String mechanism) {
        return blockedAnswer(session).orElseGet(() -> super.chooseMechanism(session, mechanism));
    }

    @Override
    public String authenticate(Session session, String suppliedData) {
        Optional<String> blocked = blockedAnswer(session);
        if (blocked.isPresent()) {
            session.setState(Session.State.UNAUTHENTICATED);
            return blocked.get();
        }
        String answer = super.authenticate(session, suppliedData);
        if (session.isSslEnabled() && !session.isAuthenticated() && answer.startsWith("NO")) {
            Duration delay = tracker.recordFailure(client(session), null);
            connections.of(session).ifPresent(channel ->
                Penalty.pauseReading(readable -> channel.config().setAutoRead(readable), delay));
        }
        return answer;
    }

    private Optional<String> blockedAnswer(Session session) {
        return tracker.blockedFor(client(session)).map(remaining -> {
            LOGGER.info("Refused ManageSieve AUTHENTICATE from blocked address {}", client(session));
            return "NO (TRYLATER) \"Too many failed logins from your address, try again in "
                + Penalty.minutes(remaining) + "\"";
        });
    }

    private InetAddress client(Session session) {
        return connections.of(session)
            .map(channel -> channel.remoteAddress())
            .filter(InetSocketAddress.class::isInstance)
            .map(address -> ((InetSocketAddress) address).getAddress())
            .orElse(null);
    }
}
