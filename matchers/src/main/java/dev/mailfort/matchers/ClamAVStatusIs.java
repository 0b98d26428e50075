/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.clamav.ClamAVVerdict.Status;

/**
 * Matches every recipient of a mail whose {@code mailfort.clamav.status} (set by {@code ScanWithClamAV}) is one of
 * the statuses in the condition: a comma-separated list of {@code clean}, {@code infected}, {@code too-large} and
 * {@code unavailable}. A mail never scanned has no status and never matches. Typical use: decide what happens to
 * mail too large to scan, or (with {@code onUnavailable=tag}) to mail scanned while clamd was down.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.ClamAVStatusIs=too-large" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class ClamAVStatusIs extends GenericMatcher {
    private static final AttributeName STATUS = AttributeName.of(ClamAVAttributes.STATUS);

    private Set<String> statuses;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        if (condition.isEmpty()) {
            throw new MessagingException("ClamAVStatusIs needs a condition: one or more of " + knownStatuses());
        }
        statuses = Arrays.stream(condition.split(","))
            .map(String::trim)
            .collect(Collectors.toUnmodifiableSet());
        for (String status : statuses) {
            if (Status.fromAttributeValue(status).isEmpty()) {
                throw new MessagingException("ClamAVStatusIs: unknown status '" + status + "', expected one or more of "
                    + knownStatuses());
            }
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class)
            .map(statuses::contains)
            .orElse(false);
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail by the status ClamAV gave it";
    }

    private static String knownStatuses() {
        return Arrays.stream(Status.values()).map(Status::attributeValue).collect(Collectors.joining(", "));
    }
}
