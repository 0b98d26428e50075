/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.mailfort.scanning.rspamd.RspamdAction;
import dev.mailfort.scanning.rspamd.RspamdAttributes;

/**
 * Matches every recipient of a mail whose rspamd action ({@code mailfort.rspamd.action}, set by
 * {@code ScanWithRspamd}) is one of those in the condition, a comma-separated list of rspamd's action names:
 * {@code no action}, {@code greylist}, {@code add header}, {@code rewrite subject}, {@code soft reject},
 * {@code reject}, {@code discard}, {@code quarantine} ({@code add_header} and {@code add-header} work too). A mail
 * rspamd did not scan has no action and never matches. An unknown name fails the matcher's init.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.RspamdActionIs=reject" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * <mailet match="dev.mailfort.matchers.RspamdActionIs=soft reject, greylist" class="Requeue">
 *     <processor>spam-scan</processor>
 *     <delay>10m</delay>
 * </mailet>
 * }</pre>
 */
public class RspamdActionIs extends GenericMatcher {
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);

    private Set<RspamdAction> actions;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        if (condition.isEmpty()) {
            throw new MessagingException("RspamdActionIs needs one or more rspamd actions, such as 'reject'");
        }
        actions = EnumSet.noneOf(RspamdAction.class);
        for (String name : condition.split(",")) {
            actions.add(RspamdAction.fromWireName(name).orElseThrow(() -> new MessagingException(
                "RspamdActionIs: unknown rspamd action '" + name.trim() + "'")));
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = AttributeUtils.getValueAndCastFromMail(mail, ACTION, String.class)
            .flatMap(RspamdAction::fromWireName)
            .filter(actions::contains)
            .isPresent();
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail for which rspamd advised one of the given actions";
    }
}
