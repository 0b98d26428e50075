/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.user.api.UsersRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses {@code MAIL FROM} of an authenticated user with an address that is not its own:
 * {@code 550 5.7.1 <bob@example.com> is not one of your addresses}. Own addresses are the user's and the sources of
 * the recipient rewrite table that map to it (aliases, alias domains), as for {@link RefuseForeignFromHeader}.
 *
 * <p>James 3.8.1's {@code verifyIdentity} already refuses the same senders, but with
 * {@code 503 5.7.1 Incorrect Authentication for Specified Email Address}, a "bad sequence" code that mail clients
 * show as a protocol error. Running first, this hook gives the user the reason. The null sender ({@code <>}) and
 * unauthenticated sessions are left to James.
 */
public class RefuseForeignMailFrom implements MailHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseForeignMailFrom.class);

    static final String REFUSED_METRIC = "mailfort_smtp_refused_foreign_mail_from";

    private final OwnAddresses ownAddresses;
    private final MetricFactory metricFactory;

    /** Refusals are counted as {@value #REFUSED_METRIC}. */
    @Inject
    public RefuseForeignMailFrom(DomainList domains, UsersRepository users, CanSendFrom canSendFrom,
                                 MetricFactory metricFactory) {
        this(new RewriteTableOwnAddresses(domains, users, canSendFrom), metricFactory);
    }

    RefuseForeignMailFrom(OwnAddresses ownAddresses, MetricFactory metricFactory) {
        this.ownAddresses = ownAddresses;
        this.metricFactory = metricFactory;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() == null || sender == null || sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        try {
            if (ownAddresses.belongsTo(session.getUsername(), sender.get())) {
                return HookResult.DECLINED;
            }
        } catch (IllegalStateException e) {
            LOGGER.error("Cannot check MAIL FROM <{}> of {}, answering 451", sender.asString(),
                session.getUsername().asString(), e);
            return TemporaryFailure.CANNOT_CHECK;
        }
        LOGGER.info("{} refused: MAIL FROM <{}> is not one of its addresses", session.getUsername().asString(),
            sender.asString());
        metricFactory.generate(REFUSED_METRIC).increment();
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
                + " <" + sender.asString() + "> is not one of your addresses")
            .build();
    }
}
