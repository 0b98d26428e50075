/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.io.IOException;
import java.io.OutputStream;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;

import dev.mailfort.scanning.rspamd.RspamdClient;
import dev.mailfort.scanning.rspamd.RspamdAction;
import dev.mailfort.scanning.rspamd.RspamdEnvelope;
import dev.mailfort.scanning.rspamd.RspamdVerdict;

/** Sends a James mail's message to rspamd, for {@link ScanWithRspamd} and the SMTP server's in-session check. */
public final class RspamdMailCheck {
    private RspamdMailCheck() {
    }

    /**
     * @return rspamd's verdict; {@code too-large} without sending anything when the mail's known size is over the
     *         limit, {@code unavailable} for any failure on rspamd's side
     * @throws MessagingException only when the mail's own message cannot be read (our storage, not rspamd)
     */
    public static RspamdVerdict check(RspamdClient client, Mail mail, RspamdEnvelope envelope)
            throws MessagingException {
        long maxSize = client.settings().maxMessageSize();
        // Known sizes spare writing out a huge message only to stop at the limit.
        if (mail.getMessageSize() > maxSize) {
            return RspamdVerdict.tooLarge(maxSize);
        }
        try {
            return client.check(out -> writeMessage(mail, out), envelope);
        } catch (IOException e) {
            throw new MessagingException("Cannot read mail " + mail.getName() + " to scan it", e);
        }
    }

    /** What a verdict is counted as: rspamd's action ({@code reject}, {@code add header}...) or why there is none. */
    public static String verdictName(RspamdVerdict verdict) {
        return verdict.action().map(RspamdAction::wireName).orElse(verdict.status().attributeValue());
    }

    private static void writeMessage(Mail mail, OutputStream out) throws IOException {
        try {
            mail.getMessage().writeTo(out);
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }
}
