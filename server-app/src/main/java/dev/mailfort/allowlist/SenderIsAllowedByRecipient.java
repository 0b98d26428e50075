/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the recipients of a mail that put its sender on their {@link SenderAllowList}: the mail's From address is
 * authenticated ({@link AuthenticatedFrom}: DMARC pass, or without a DMARC policy an aligned DKIM or SPF pass) and
 * the list holds (recipient, From address). Other recipients are not matched, so James splits a mail with mixed
 * recipients and the rest stays on the normal path. A forged From never matches: the mail has no authentication
 * verdict for it.
 *
 * <p>Lives in the server application rather than the matchers module because it needs the Cassandra-backed list,
 * which Guice injects into matchers the server loads (James's loader builds matchers with the server's injector).
 * If the list cannot be read, no recipient is matched: the mail then takes the normal path (it is held or filed as
 * spam, never lost), and the failure is logged.
 *
 * <p>Only the spam decisions should consult it: put it behind a spam matcher in an {@code And}, which also spares
 * the lookups for mail that is not spam. No condition.
 *
 * <pre>{@code
 * <matcher name="spam-from-allowed-sender" match="org.apache.james.mailetcontainer.impl.matchers.And">
 *     <matcher match="dev.mailfort.matchers.IsSpam"/>
 *     <matcher match="dev.mailfort.allowlist.SenderIsAllowedByRecipient"/>
 * </matcher>
 * <mailet match="spam-from-allowed-sender" class="ToProcessor">
 *     <processor>allowed-sender</processor>
 * </mailet>
 * }</pre>
 */
public class SenderIsAllowedByRecipient extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(SenderIsAllowedByRecipient.class);

    private final SenderAllowList allowList;

    @Inject
    public SenderIsAllowedByRecipient(SenderAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Optional<String> sender = AuthenticatedFrom.of(mail);
        if (sender.isEmpty()) {
            return List.of();
        }
        List<MailAddress> allowing = new ArrayList<>();
        try {
            for (MailAddress recipient : mail.getRecipients()) {
                if (allowList.contains(recipient.asString(), sender.get())) {
                    allowing.add(recipient);
                }
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Mail {}: cannot read the sender allow list, treating no recipient as allowing {}",
                mail.getName(), sender.get(), e);
            return List.of();
        }
        if (!allowing.isEmpty()) {
            LOGGER.info("Mail {}: sender {} is allowed by {} of {} recipient(s)", mail.getName(), sender.get(),
                allowing.size(), mail.getRecipients().size());
        }
        return allowing;
    }

    @Override
    public String getMatcherInfo() {
        return "Matches the recipients whose allow list holds the mail's authenticated From address";
    }
}
