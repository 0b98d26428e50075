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

import dev.mailfort.scanning.rspamd.RspamdAction;
import dev.mailfort.scanning.rspamd.RspamdAttributes;

/**
 * Matches every recipient of a mail that rspamd called spam: its action ({@code mailfort.rspamd.action}, set by
 * {@code ScanWithRspamd}) is {@code add header}, {@code rewrite subject}, {@code reject}, {@code quarantine} or
 * {@code discard}. Greylist and soft reject are not spam verdicts (rspamd only asks the sender to come back); a
 * mail rspamd did not scan never matches: combine with a status check if unscanned mail must be caught too. No
 * condition.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.IsSpam" class="WithStorageDirective">
 *     <targetFolderName>Junk</targetFolderName>
 * </mailet>
 * }</pre>
 */
public class IsSpam extends GenericMatcher {
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean spam = AttributeUtils.getValueAndCastFromMail(mail, ACTION, String.class)
            .flatMap(RspamdAction::fromWireName)
            .filter(RspamdAction::isSpam)
            .isPresent();
        return spam ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail rspamd called spam";
    }
}
