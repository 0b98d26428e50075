/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;

import dev.mailfort.scanning.rspamd.RspamdEnvelope;

/**
 * The rspamd envelope of a James mail: sender, recipients and queue id (the mail's name) from the mail, and the
 * facts about the SMTP client from wherever the caller has them.
 */
public final class RspamdMailEnvelope {
    private RspamdMailEnvelope() {
    }

    /**
     * For a mail in the mailet container. James 3.8.1's SMTP server records the client's address and host name on
     * the mail ({@code getRemoteAddr()}, {@code getRemoteHost()}), and the HELO name and SMTP AUTH user as the
     * attributes {@link Mail#SMTP_HELO} and {@link Mail#SMTP_AUTH_USER} (see its
     * {@code AddDefaultAttributesMessageHook}).
     */
    public static RspamdEnvelope of(Mail mail) {
        return of(mail, mail.getRemoteAddr(), mail.getRemoteHost(),
            AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_HELO, String.class),
            AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class));
    }

    /**
     * For a mail whose client facts are not on it yet, as in the SMTP server's message hooks, which run before
     * James copies them onto the mail.
     *
     * @param clientHostname the client's host name; the address itself (what Java gives when reverse DNS found no
     *                       name) or null means none
     */
    public static RspamdEnvelope of(Mail mail, String clientAddress, String clientHostname, Optional<String> helo,
                                    Optional<String> authenticatedUser) {
        RspamdEnvelope.Builder envelope = RspamdEnvelope.builder()
            .clientAddress(clientAddress)
            .queueId(mail.getName());
        if (clientHostname != null && !clientHostname.equals(clientAddress)) {
            envelope.clientHostname(clientHostname);
        }
        helo.ifPresent(envelope::helo);
        authenticatedUser.ifPresent(envelope::authenticatedUser);
        mail.getMaybeSender().asOptional().ifPresentOrElse(
            sender -> envelope.mailFrom(sender.asString()),
            envelope::nullSender);
        mail.getRecipients().stream().map(MailAddress::asString).forEach(envelope::recipient);
        return envelope.build();
    }
}
