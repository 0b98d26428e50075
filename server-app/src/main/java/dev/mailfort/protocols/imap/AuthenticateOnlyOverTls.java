/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;

/**
 * James's AUTHENTICATE, refused with {@code NO [PRIVACYREQUIRED]} for every mechanism until TLS is active, and
 * advertising no {@code AUTH=} capability (nor {@code SASL-IR}) before TLS.
 *
 * <p>In 3.8.1 {@code auth.requireSSL} only guards {@code AUTHENTICATE PLAIN}. {@code AUTHENTICATE OAUTHBEARER}
 * and {@code XOAUTH2} skip that check: without SASL-IR the server answers with a continuation request, so the
 * client sends its bearer token over the clear connection (and, when OIDC is configured, the token is accepted).
 * Refusing the command itself, before any continuation, closes every mechanism at once.
 *
 * <p>Over TLS, failed attempts go to the shared failed-login tracker ({@code conf/abuse.properties}): they are
 * answered after a delay once the client address is over its threshold, and a blocked address gets
 * {@code NO [UNAVAILABLE]} ({@link LoginsSuspendedResponse}) without its credentials being checked.
 */
public class AuthenticateOnlyOverTls extends AuthenticateProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthenticateOnlyOverTls.class);

    private final LoginFailureLimits failureLimits;

    @Inject
    public AuthenticateOnlyOverTls(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                            AuthFailureTracker failures) {
        super(mailboxManager, factory, metricFactory);
        this.failureLimits = new LoginFailureLimits(failures);
    }

    @Override
    protected void processRequest(AuthenticateRequest request, ImapSession session, Responder responder) {
        if (!session.isTLSActive()) {
            LOGGER.info("Refused IMAP AUTHENTICATE {} on a clear-text connection", request.getAuthType());
            responder.respond(new PrivacyRequiredResponse(request.getTag()));
            return;
        }
        if (failureLimits.refusedAsBlocked(request, session, responder)) {
            return;
        }
        super.processRequest(request, session, responder);
    }

    @Override
    protected void manageFailureCount(ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed) {
        failureLimits.failed(session, null);
        super.manageFailureCount(session, request, responder, failed);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        if (!session.isTLSActive()) {
            return List.of();
        }
        return super.getImplementedCapabilities(session);
    }
}
