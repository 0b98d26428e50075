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
 * Matches every recipient of a mail whose rspamd score ({@code mailfort.rspamd.score}, set by
 * {@code ScanWithRspamd}) is strictly above the condition, a decimal number such as {@code 7.5} (negative allowed).
 * A mail rspamd did not scan has no score and never matches.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.SpamScoreIsAbove=7.5" class="WithStorageDirective">
 *     <targetFolderName>Junk</targetFolderName>
 * </mailet>
 * }</pre>
 */
public class SpamScoreIsAbove extends GenericMatcher {
    private static final AttributeName SCORE = AttributeName.of(RspamdAttributes.SCORE);

    private double threshold;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        try {
            threshold = Double.parseDouble(condition);
        } catch (NumberFormatException e) {
            throw new MessagingException("SpamScoreIsAbove needs a number such as 7.5, not '" + condition + "'");
        }
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw new MessagingException("SpamScoreIsAbove needs a finite number, not '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        // A number, whatever its type, should the attribute ever come back from a queue as another one.
        boolean above = AttributeUtils.getValueAndCastFromMail(mail, SCORE, Number.class)
            .map(Number::doubleValue)
            .filter(score -> score > threshold)
            .isPresent();
        return above ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail whose rspamd score is above a threshold";
    }
}
