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

/**
 * What the scanners' retry ladders share: all recipients match when a scanner has recorded at least N failed
 * attempts (the condition, a positive whole number) in its {@code mailfort.<scanner>.failed-attempts} attribute.
 */
abstract class ScanAttemptsAtLeast extends GenericMatcher {
    private final AttributeName failedAttempts;
    private int threshold;

    ScanAttemptsAtLeast(String failedAttemptsAttribute) {
        this.failedAttempts = AttributeName.of(failedAttemptsAttribute);
    }

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        try {
            threshold = Integer.parseInt(condition);
        } catch (NumberFormatException e) {
            threshold = 0;
        }
        if (threshold < 1) {
            throw new MessagingException(getClass().getSimpleName() + " needs a positive whole number, not '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        // A number, whatever its type, should the attribute ever come back from a queue as another one.
        int attempts = AttributeUtils.getValueAndCastFromMail(mail, failedAttempts, Number.class)
            .map(Number::intValue)
            .orElse(0);
        return attempts >= threshold ? mail.getRecipients() : List.of();
    }
}
