/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses at RCPT, with {@code 550 5.7.1}, a recipient whose local part names another host, when the client may not
 * relay: {@code <user%other.example@our.domain>}, {@code <other.example!user@our.domain>},
 * {@code <"user@other.example"@our.domain>}.
 *
 * <p>These are the old sender-specified routing forms (the "percent hack", UUCP bang paths, quoted addresses). Open
 * relays were abused through them for decades, so a relay refusal must not depend on every later component ignoring
 * them. James does not route on them, but lets them through as addresses of our own domains: recipient validation
 * then answers "unknown user" at best, and for a quoted local part holding an {@code @} it fails inside James and
 * answers {@code 451 4.0.0}, a temporary error that has the sender retry for days (and logs a stack trace each
 * time). Refusing them as relaying attempts, before any lookup, gives one permanent answer, as Postfix does with
 * {@code allow_untrusted_routing = no}.
 *
 * <p>Clients allowed to relay (authenticated users) may send to such addresses: they could reach the other host
 * directly anyway. The price: a local mailbox whose name contains {@code %} or {@code !} cannot receive mail from
 * other servers.
 */
public class RefuseRoutingInRecipient implements RcptHook {
    static final HookResult RELAYING_DENIED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
            + " Requested action not taken: relaying denied (routing in the recipient address)")
        .build();

    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseRoutingInRecipient.class);
    private static final String ROUTING_CHARACTERS = "@%!";

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (session.isRelayingAllowed() || !namesAnotherHost(rcpt.getLocalPart())) {
            return HookResult.DECLINED;
        }
        LOGGER.info("Refused routed recipient {} from {}", rcpt.asString(), session.getRemoteAddress());
        return RELAYING_DENIED;
    }

    private static boolean namesAnotherHost(String localPart) {
        return localPart.chars().anyMatch(character -> ROUTING_CHARACTERS.indexOf(character) >= 0);
    }
}
