/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * Refuses {@code MAIL FROM} with {@code 530 5.7.0} until the client has authenticated: for submission ports
 * (587, 465), where only our own users may hand over mail.
 *
 * <p>James 3.8.1 has no setting for this: without it a submission port takes unauthenticated mail for local
 * recipients exactly like the MX port does, which makes it a second, less watched, way in. Checking at MAIL
 * rather than at RCPT gives the client the reason before it sends any recipient, as RFC 4954 (section 6) intends.
 */
public class RequireAuthBeforeMail implements MailHook {
    static final HookResult AUTHENTICATION_REQUIRED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_REQUIRED)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_OTHER) + " Authentication required")
        .build();

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() != null) {
            return HookResult.DECLINED;
        }
        return AUTHENTICATION_REQUIRED;
    }
}
