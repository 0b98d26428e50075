/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.clamav.ClamAVAttributes;

class ClamAVAttemptsAtLeastTest {

    @Test
    void matchesAtTheThreshold() throws Exception {
        assertThat(matcher("3").match(mailWithAttempts(3))).hasSize(2);
    }

    @Test
    void matchesAboveTheThreshold() throws Exception {
        assertThat(matcher("3").match(mailWithAttempts(7))).hasSize(2);
    }

    @Test
    void doesNotMatchBelowTheThreshold() throws Exception {
        assertThat(matcher("3").match(mailWithAttempts(2))).isEmpty();
    }

    @Test
    void mailWithoutFailedAttemptsHasNone() throws Exception {
        Mail mail = FakeMail.builder().name("mail").recipients("alice@example.com").build();

        assertThat(matcher("1").match(mail)).isEmpty();
    }

    @Test
    void countsStoredAsLongAreRead() throws Exception {
        Mail mail = FakeMail.builder().name("mail").recipients("alice@example.com")
            .attribute(new Attribute(AttributeName.of(ClamAVAttributes.FAILED_ATTEMPTS), AttributeValue.of(4L)))
            .build();

        assertThat(matcher("4").match(mail)).hasSize(1);
    }

    @Test
    void rejectsANonNumericCondition() {
        assertThatThrownBy(() -> matcher("many")).isInstanceOf(MessagingException.class);
    }

    @Test
    void rejectsZero() {
        assertThatThrownBy(() -> matcher("0")).isInstanceOf(MessagingException.class);
    }

    private static ClamAVAttemptsAtLeast matcher(String condition) throws MessagingException {
        ClamAVAttemptsAtLeast matcher = new ClamAVAttemptsAtLeast();
        matcher.init(FakeMatcherConfig.builder().matcherName("ClamAVAttemptsAtLeast").condition(condition).build());
        return matcher;
    }

    private static Mail mailWithAttempts(int attempts) throws MessagingException {
        return FakeMail.builder()
            .name("mail")
            .recipients("alice@example.com", "bob@example.com")
            .attribute(new Attribute(AttributeName.of(ClamAVAttributes.FAILED_ATTEMPTS), AttributeValue.of(attempts)))
            .build();
    }
}
