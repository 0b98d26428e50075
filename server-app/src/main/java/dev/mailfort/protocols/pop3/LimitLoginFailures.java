/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.pop3;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPassCmdHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;
import dev.mailfort.protocols.abuse.Penalty;

/**
 * Slows down, then refuses, POP3 logins from a client address that keeps failing (the shared
 * {@link AuthFailureTracker}, configured in {@code conf/abuse.properties}).
 *
 * <p>While the address is blocked, {@code USER} and {@code PASS} are answered
 * {@code -ERR [SYS/TEMP] ...} and the connection is closed, before any password is checked. RFC 3206's
 * {@code [SYS/TEMP]} tells the client the failure is temporary and not about its credentials; {@code [AUTH]}
 * would make it ask the user for a new password. Otherwise {@code PASS} goes to James's handler, and once the
 * address or account is over its threshold the connection is not read for the tracker's delay after a failure
 * (see {@link Penalty}).
 *
 * <p>Declared in every {@code <handlerchain>} of {@code conf/pop3server.xml}, after {@code RefuseLoginWithoutTls}
 * (clear-text logins keep their {@code [AUTH]} refusal), no parameter:
 * <pre>{@code <handler class="dev.mailfort.protocols.pop3.LimitLoginFailures"/>}</pre>
 * APOP and AUTH are not implemented by James 3.8.1 (RefuseLoginWithoutTls refuses them), so they are not covered.
 */
public class LimitLoginFailures implements CommandHandler<POP3Session>, ExtensibleHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(LimitLoginFailures.class);
    private static final Set<String> LOGIN_COMMANDS = Set.of("USER", "PASS");

    private final AuthFailureTracker tracker;
    private volatile CommandHandler<POP3Session> passwordCheck;

    @Inject
    public LimitLoginFailures(AuthFailureTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        InetAddress client = session.getRemoteAddress() == null ? null : session.getRemoteAddress().getAddress();
        Optional<Duration> blocked = tracker.blockedFor(client);
        if (blocked.isPresent()) {
            LOGGER.info("Refused POP3 {} from blocked address {}", request.getCommand(), session.getRemoteAddress());
            POP3Response refusal = new POP3Response(POP3Response.ERR_RESPONSE,
                "[SYS/TEMP] Too many failed logins from your address, try again in " + Penalty.minutes(blocked.get()));
            refusal.setEndSession(true);
            return refusal;
        }
        if (!"PASS".equalsIgnoreCase(request.getCommand()) || passwordCheck == null) {
            return null;
        }
        boolean attempt = session.getHandlerState() == POP3Session.AUTHENTICATION_USERSET && request.getArgument() != null;
        String account = session.getUsername() == null ? null : session.getUsername().asString();
        Response response = passwordCheck.onCommand(session, request);
        if (attempt && session.getHandlerState() != POP3Session.TRANSACTION) {
            Penalty.pauseReading(session, tracker.recordFailure(client, account));
        }
        return response;
    }

    @Override
    public Collection<String> getImplCommands() {
        return LOGIN_COMMANDS;
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(CommandHandler.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (CommandHandler.class.equals(interfaceName)) {
            // James's PASS handler, which this one answers in place of, to see the outcome.
            passwordCheck = extensions.stream()
                .filter(AbstractPassCmdHandler.class::isInstance)
                .map(handler -> (CommandHandler<POP3Session>) handler)
                .findFirst()
                .orElse(null);
            if (passwordCheck == null) {
                LOGGER.warn("No POP3 PASS handler found: failed POP3 logins are not counted");
            }
        }
    }
}
