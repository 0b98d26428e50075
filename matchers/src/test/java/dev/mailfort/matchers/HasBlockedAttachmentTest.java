/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.attachments.AttachmentAttributes;

class HasBlockedAttachmentTest {

    private HasBlockedAttachment matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new HasBlockedAttachment();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasBlockedAttachment").build());
    }

    private static Mail mailWithStatus(AttributeValue<?> status) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("mail-1")
                .recipients(new MailAddress("bob@example.net"), new MailAddress("carol@example.net"));
        if (status != null) {
            builder.attribute(new Attribute(AttributeName.of(AttachmentAttributes.STATUS), status));
        }
        return builder.build();
    }

    @Test
    void matchesEveryRecipientOfBlockedMail() throws Exception {
        Mail mail = mailWithStatus(AttributeValue.of("blocked"));

        assertThat(matcher.match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void doesNotMatchCleanMail() throws Exception {
        assertThat(matcher.match(mailWithStatus(AttributeValue.of("clean")))).isEmpty();
    }

    @Test
    void doesNotMatchStrippedMail() throws Exception {
        assertThat(matcher.match(mailWithStatus(AttributeValue.of("stripped")))).isEmpty();
    }

    @Test
    void doesNotMatchMailThatWasNeverInspected() throws Exception {
        assertThat(matcher.match(mailWithStatus(null))).isEmpty();
    }

    @Test
    void doesNotMatchAStatusOfAnotherType() throws Exception {
        assertThat(matcher.match(mailWithStatus(AttributeValue.of(true)))).isEmpty();
    }
}
