/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.clamav.ClamAVVerdict;

/**
 * Matches every recipient of a mail that {@code ScanWithClamAV} found infected (attribute
 * {@code mailfort.clamav.status} = {@code infected}). A mail that was not scanned, or could not be, does not
 * match: use {@link ClamAVStatusIs} for those. No condition.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.IsInfected" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class IsInfected extends GenericMatcher {
    private static final AttributeName STATUS = AttributeName.of(ClamAVAttributes.STATUS);
    private static final String INFECTED = ClamAVVerdict.Status.INFECTED.attributeValue();

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean infected = AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class)
            .map(INFECTED::equals)
            .orElse(false);
        return infected ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail ClamAV found infected";
    }
}
