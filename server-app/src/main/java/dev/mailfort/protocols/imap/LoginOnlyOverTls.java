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
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;

/**
 * James's LOGIN, refused with {@code NO [PRIVACYREQUIRED]} and announced as {@code LOGINDISABLED} (RFC 3501,
 * section 6.2.3) until TLS is active.
 *
 * <p>James already refuses LOGIN before TLS when {@code auth.requireSSL} (or the older {@code plainAuthDisallowed})
 * is set, but with a bare {@code NO}, and only if nobody turns that setting off. This check does not depend on
 * the configuration.
 *
 * <p>Over TLS, failed attempts go to the shared failed-login tracker ({@code conf/abuse.properties}): they are
 * answered after a delay once the client address is over its threshold, and a blocked address gets
 * {@code NO [UNAVAILABLE]} ({@link LoginsSuspendedResponse}) without its credentials being checked.
 */
public class LoginOnlyOverTls extends LoginProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginOnlyOverTls.class);
    private static final List<Capability> LOGIN_DISABLED = List.of(Capability.of("LOGINDISABLED"));

    private final LoginFailureLimits failureLimits;

    @Inject
    public LoginOnlyOverTls(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                            AuthFailureTracker failures) {
        super(mailboxManager, factory, metricFactory);
        this.failureLimits = new LoginFailureLimits(failures);
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        if (!session.isTLSActive()) {
            LOGGER.info("Refused IMAP LOGIN on a clear-text connection");
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
        failureLimits.failed(session, request instanceof LoginRequest login && login.getUserid() != null ? login.getUserid().asString() : null);
        super.manageFailureCount(session, request, responder, failed);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        if (!session.isTLSActive()) {
            return LOGIN_DISABLED;
        }
        return super.getImplementedCapabilities(session);
    }
}
