/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.net.InetAddress;
import java.util.Optional;

import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;
import dev.mailfort.protocols.abuse.Penalty;

/**
 * The shared {@link AuthFailureTracker} as IMAP's LOGIN and AUTHENTICATE use it: refuse blocked addresses with
 * {@link LoginsSuspendedResponse}, count failures and wait the delay before answering them.
 */
final class LoginFailureLimits {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginFailureLimits.class);

    private final AuthFailureTracker tracker;

    LoginFailureLimits(AuthFailureTracker tracker) {
        this.tracker = tracker;
    }

    /** Answers the request and returns true when the client's address is blocked. */
    boolean refusedAsBlocked(ImapRequest request, ImapSession session, Responder responder) {
        Optional<java.time.Duration> blocked = tracker.blockedFor(ClientAddress.of(session));
        if (blocked.isEmpty()) {
            return false;
        }
        LOGGER.info("Refused IMAP {} from blocked address {}", request.getCommand().getName(), ClientAddress.of(session).getHostAddress());
        responder.respond(new LoginsSuspendedResponse(request.getTag(),
            "Too many failed logins from your address, try again in " + Penalty.minutes(blocked.get())));
        responder.flush();
        return true;
    }

    /** Counts a failed login; returns after the delay the tracker asks for. */
    void failed(ImapSession session, String account) {
        InetAddress client = ClientAddress.of(session);
        Penalty.await(tracker.recordFailure(client, account));
    }
}
