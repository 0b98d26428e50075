/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.matchers;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.mailfort.scanning.attachments.AttachmentAttributes;

/**
 * Matches mail whose attachment policy verdict is {@code blocked}: the attribute
 * {@value AttachmentAttributes#STATUS} set by {@code ApplyAttachmentPolicy}. Mail that was stripped clean
 * ({@code stripped}), passed ({@code clean}), or was never inspected does not match. All recipients match at once.
 *
 * <p>No condition. Example, sending blocked mail to a quarantine repository:
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.HasBlockedAttachment" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class HasBlockedAttachment extends GenericMatcher {

    private static final AttributeName STATUS = AttributeName.of(AttachmentAttributes.STATUS);

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean blocked = AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class)
                .filter(AttachmentAttributes.STATUS_BLOCKED::equals)
                .isPresent();
        return blocked ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail the attachment policy blocked";
    }
}
