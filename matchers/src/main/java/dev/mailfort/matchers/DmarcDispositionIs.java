/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.mailfort.senderauth.SenderAuthAttributes;

/**
 * Matches every recipient of a mail whose DMARC disposition ({@code mailfort.dmarc.disposition}, set by the
 * {@code CheckSenderAuthenticity} SMTP hook) is one of those in the condition, a comma-separated list of
 * {@code none} and {@code quarantine}. The disposition is what the server decided, after its own configuration and
 * the policy's {@code pct=}: rejected mail never reaches the pipeline. A mail the hook did not check (e.g. from an
 * authenticated user) has no disposition and never matches. An unknown name fails the matcher's init.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.DmarcDispositionIs=quarantine" class="WithStorageDirective">
 *     <targetFolderName>Junk</targetFolderName>
 * </mailet>
 * }</pre>
 */
public class DmarcDispositionIs extends GenericMatcher {
    private static final AttributeName DISPOSITION = AttributeName.of(SenderAuthAttributes.DMARC_DISPOSITION);
    private static final Set<String> KNOWN = Set.of("none", "quarantine");

    private Set<String> dispositions;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        if (condition.isEmpty()) {
            throw new MessagingException("DmarcDispositionIs needs one or more dispositions, such as 'quarantine'");
        }
        dispositions = new HashSet<>();
        for (String name : condition.split(",")) {
            String disposition = name.trim().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(disposition)) {
                throw new MessagingException("DmarcDispositionIs: unknown disposition '" + name.trim()
                    + "' (none or quarantine)");
            }
            dispositions.add(disposition);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = AttributeUtils.getValueAndCastFromMail(mail, DISPOSITION, String.class)
            .map(value -> value.toLowerCase(Locale.ROOT))
            .filter(dispositions::contains)
            .isPresent();
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail whose DMARC disposition is one of the given ones";
    }
}
