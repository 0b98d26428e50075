/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's LOGIN, refused with {@code NO [PRIVACYREQUIRED]} and announced as {@code LOGINDISABLED} (RFC 3501,
 * section 6.2.3) until TLS is active.
 *
 * <p>James already refuses LOGIN before TLS when {@code auth.requireSSL} (or the older {@code plainAuthDisallowed})
 * is set, but with a bare {@code NO}, and only if nobody turns that setting off. This check does not depend on
 * the configuration.
 */
public class LoginOnlyOverTls extends LoginProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginOnlyOverTls.class);
    private static final List<Capability> LOGIN_DISABLED = List.of(Capability.of("LOGINDISABLED"));

    @Inject
    public LoginOnlyOverTls(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        if (!session.isTLSActive()) {
            LOGGER.info("Refused IMAP LOGIN on a clear-text connection");
            responder.respond(new PrivacyRequiredResponse(request.getTag()));
            return;
        }
        super.processRequest(request, session, responder);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        if (!session.isTLSActive()) {
            return LOGIN_DISABLED;
        }
        return super.getImplementedCapabilities(session);
    }
}
