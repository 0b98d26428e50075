/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches mail from outside the organisation: received over SMTP without authentication, from a client that is not
 * one of our trusted relays. Mail of our authenticated users, and mail the server itself made (bounces, vacation
 * replies, forwards: {@link Mail#SENT_BY_MAILET_ATTRIBUTE}), does not match.
 *
 * <p>The condition lists the trusted relays, IP addresses or networks ({@code 192.0.2.10, 10.0.0.0/8}); none by
 * default. A trusted relay is a gateway of ours that hands over mail of our own users (a scanning appliance, an
 * internal application server), never a host that forwards mail from the Internet.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.IsFromOutside" class="dev.mailfort.mailets.TagExternalSender"/>
 * <mailet match="dev.mailfort.matchers.IsFromOutside=10.1.2.3, 10.20.0.0/16" class="dev.mailfort.mailets.TagExternalSender"/>
 * }</pre>
 */
public class IsFromOutside extends GenericMatcher {
    private TrustedNetworks trustedRelays;

    @Override
    public void init() throws MessagingException {
        try {
            trustedRelays = TrustedNetworks.parse(getCondition());
        } catch (IllegalArgumentException e) {
            throw new MessagingException("IsFromOutside: " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean authenticated = mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent();
        boolean madeHere = mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent();
        if (authenticated || madeHere || trustedRelays.contains(mail.getRemoteAddr())) {
            return List.of();
        }
        return mail.getRecipients();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail from outside: unauthenticated, not made here, not from a trusted relay";
    }
}
