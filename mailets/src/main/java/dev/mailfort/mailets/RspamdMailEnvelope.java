/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;

import dev.mailfort.scanning.rspamd.RspamdEnvelope;

/**
 * The rspamd envelope of a James mail. James 3.8.1's SMTP server records the client's address and host name on
 * the mail ({@code getRemoteAddr()}, {@code getRemoteHost()}), and the HELO name and SMTP AUTH user as the
 * attributes {@link Mail#SMTP_HELO} and {@link Mail#SMTP_AUTH_USER} (see its
 * {@code AddDefaultAttributesMessageHook}); the mail's name is its queue id.
 */
final class RspamdMailEnvelope {
    private RspamdMailEnvelope() {
    }

    static RspamdEnvelope of(Mail mail) {
        RspamdEnvelope.Builder envelope = RspamdEnvelope.builder()
            .clientAddress(mail.getRemoteAddr())
            .queueId(mail.getName());
        String host = mail.getRemoteHost();
        // When reverse DNS gave nothing, James keeps the address as the host name: that is no host name.
        if (host != null && !host.equals(mail.getRemoteAddr())) {
            envelope.clientHostname(host);
        }
        AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_HELO, String.class).ifPresent(envelope::helo);
        AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class)
            .ifPresent(envelope::authenticatedUser);
        mail.getMaybeSender().asOptional().ifPresentOrElse(
            sender -> envelope.mailFrom(sender.asString()),
            envelope::nullSender);
        mail.getRecipients().stream().map(MailAddress::asString).forEach(envelope::recipient);
        return envelope.build();
    }
}
