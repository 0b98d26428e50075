/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.clamav.ClamAVAttributes;

class IsInfectedTest {
    private IsInfected matcher;

    @BeforeEach
    void setUp() throws MessagingException {
        matcher = new IsInfected();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsInfected").build());
    }

    @Test
    void matchesEveryRecipientOfInfectedMail() throws Exception {
        Mail mail = mailWithStatus("infected");

        assertThat(matcher.match(mail))
            .containsExactlyInAnyOrder(new MailAddress("alice@example.com"), new MailAddress("bob@example.com"));
    }

    @Test
    void doesNotMatchCleanMail() throws Exception {
        assertThat(matcher.match(mailWithStatus("clean"))).isEmpty();
    }

    @Test
    void doesNotMatchMailThatCouldNotBeScanned() throws Exception {
        assertThat(matcher.match(mailWithStatus("unavailable"))).isEmpty();
        assertThat(matcher.match(mailWithStatus("too-large"))).isEmpty();
    }

    @Test
    void doesNotMatchMailNeverScanned() throws Exception {
        Mail mail = FakeMail.builder().name("mail").recipients("alice@example.com").build();

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void doesNotMatchAStatusOfAnotherType() throws Exception {
        Mail mail = FakeMail.builder().name("mail").recipients("alice@example.com")
            .attribute(new Attribute(AttributeName.of(ClamAVAttributes.STATUS), AttributeValue.of(true)))
            .build();

        assertThat(matcher.match(mail)).isEmpty();
    }

    static Mail mailWithStatus(String status) throws MessagingException {
        return FakeMail.builder()
            .name("mail")
            .recipients("alice@example.com", "bob@example.com")
            .attribute(new Attribute(AttributeName.of(ClamAVAttributes.STATUS), AttributeValue.of(status)))
            .build();
    }
}
