/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.mailfort.scanning.rspamd.RspamdAttributes;

/**
 * Matches every recipient of a mail that {@code ScanWithRspamd} has found rspamd unavailable for at least N times
 * (attribute {@code mailfort.rspamd.failed-attempts}); the condition is N, a positive whole number. It lets the
 * retry processor wait longer after each failure, and give up after many, with James's {@code Requeue} and
 * {@code ToProcessor} mailets, as in {@code ScanWithRspamd}'s example.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.RspamdAttemptsAtLeast=3" class="Requeue">
 *     <processor>spam-scan</processor>
 *     <delay>15m</delay>
 * </mailet>
 * }</pre>
 */
public class RspamdAttemptsAtLeast extends GenericMatcher {
    private static final AttributeName FAILED_ATTEMPTS = AttributeName.of(RspamdAttributes.FAILED_ATTEMPTS);

    private int threshold;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        try {
            threshold = Integer.parseInt(condition);
        } catch (NumberFormatException e) {
            threshold = 0;
        }
        if (threshold < 1) {
            throw new MessagingException("RspamdAttemptsAtLeast needs a positive whole number, not '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        int attempts = AttributeUtils.getValueAndCastFromMail(mail, FAILED_ATTEMPTS, Number.class)
            .map(Number::intValue)
            .orElse(0);
        return attempts >= threshold ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail rspamd failed to scan at least a given number of times";
    }
}
