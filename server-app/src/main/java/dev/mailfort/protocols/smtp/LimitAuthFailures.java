/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;
import dev.mailfort.protocols.abuse.Penalty;

/**
 * Slows down, then refuses, SMTP AUTH from a client address that keeps failing (the shared
 * {@link AuthFailureTracker}, configured in {@code conf/abuse.properties}).
 *
 * <ul>
 *   <li>While the address is blocked, {@code AUTH} is answered {@code 421 4.7.0} and the connection closed, before
 *   any credentials are read. Not {@code 535 5.7.8}: that code says the credentials are wrong (RFC 4954, section 6),
 *   which they were not checked to be, and clients react to it by discarding the stored password. Not only
 *   {@code 454 4.7.0} (RFC 4954's temporary failure): the connection would stay open for free further tries; 421
 *   (RFC 5321, section 3.8) is the temporary reply that also closes it, so every new guess costs a new TLS
 *   handshake.</li>
 *   <li>Otherwise this hook checks the password against the users repository (in place of James's
 *   {@code UsersRepositoryAuthHook}, which would give no way to see the outcome), and a failure is answered
 *   {@code 535 5.7.8}; once the address or account is over its threshold, the connection is then not read for
 *   the tracker's delay (see {@link Penalty}).</li>
 * </ul>
 *
 * <p>Declared in every {@code <handlerchain>} of {@code conf/smtpserver.xml}, after
 * {@code RefuseAuthWithoutTls} (so that AUTH in clear text still gets its 538 first), no parameter:
 * <pre>{@code <handler class="dev.mailfort.protocols.smtp.LimitAuthFailures"/>}</pre>
 * OAUTHBEARER (not configured by Mailfort) is left to James's hooks, only the block applies to it.
 */
public class LimitAuthFailures implements CommandHandler<SMTPSession>, AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(LimitAuthFailures.class);
    private static final List<String> COMMANDS = List.of("AUTH");
    private static final String INVALID_CREDENTIALS = "5.7.8 Authentication credentials invalid";

    private final AuthFailureTracker tracker;
    private final UsersRepository users;

    @Inject
    public LimitAuthFailures(AuthFailureTracker tracker, UsersRepository users) {
        this.tracker = tracker;
        this.users = users;
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        return blockedFor(session)
            .map(remaining -> {
                LOGGER.info("Refused SMTP AUTH from blocked address {}", session.getRemoteAddress());
                SMTPResponse refusal = new SMTPResponse("421", "4.7.0 Too many failed logins from your address, try again in "
                    + Penalty.minutes(remaining));
                refusal.setEndSession(true);
                return refusal;
            })
            .orElse(null);
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        if (blockedFor(session).isPresent()) {
            // Blocked while the client was sending its credentials: same answer as to the AUTH command.
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
                .smtpReturnCode("421")
                .smtpDescription("4.7.0 Too many failed logins from your address, try again later")
                .build();
        }
        if (passwordMatches(username, password)) {
            session.setUsername(username);
            session.setRelayingAllowed(true);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.ok())
                // James's own wording, which clients and our tests know
                .smtpDescription("Authentication Successful")
                .build();
        }
        Duration delay = tracker.recordFailure(clientAddress(session), username.asString());
        Penalty.pauseReading(session, delay);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("535")
            .smtpDescription(INVALID_CREDENTIALS)
            .build();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }

    private boolean passwordMatches(Username username, String password) {
        try {
            return users.test(username, password);
        } catch (UsersRepositoryException e) {
            LOGGER.info("Unable to check the password of {}", username.asString(), e);
            return false;
        }
    }

    private Optional<Duration> blockedFor(SMTPSession session) {
        return tracker.blockedFor(clientAddress(session));
    }

    private static InetAddress clientAddress(SMTPSession session) {
        return session.getRemoteAddress() == null ? null : session.getRemoteAddress().getAddress();
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
