/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static dev.mailfort.matchers.RspamdMatcherMails.BOB;
import static dev.mailfort.matchers.RspamdMatcherMails.CAROL;
import static dev.mailfort.matchers.RspamdMatcherMails.initialized;
import static dev.mailfort.matchers.RspamdMatcherMails.unscanned;
import static dev.mailfort.matchers.RspamdMatcherMails.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.rspamd.RspamdAttributes;

class RspamdAttemptsAtLeastTest {
    @Test
    void matchesAllRecipientsAtTheThreshold() throws Exception {
        assertThat(matcher("3").match(attempts(3)))
            .containsExactlyInAnyOrder(new MailAddress(BOB), new MailAddress(CAROL));
    }

    @Test
    void matchesAboveTheThreshold() throws Exception {
        assertThat(matcher("3").match(attempts(10))).hasSize(2);
    }

    @Test
    void doesNotMatchBelowTheThreshold() throws Exception {
        assertThat(matcher("3").match(attempts(2))).isEmpty();
    }

    @Test
    void doesNotMatchMailWithoutFailedAttempts() throws Exception {
        assertThat(matcher("1").match(unscanned())).isEmpty();
    }

    @Test
    void refusesZero() {
        assertThatThrownBy(() -> matcher("0")).isInstanceOf(MessagingException.class);
    }

    @Test
    void refusesAConditionThatIsNotANumber() {
        assertThatThrownBy(() -> matcher("many")).isInstanceOf(MessagingException.class);
    }

    private static Mail attempts(int count) throws MessagingException {
        return with(RspamdAttributes.FAILED_ATTEMPTS, AttributeValue.of(count));
    }

    private static RspamdAttemptsAtLeast matcher(String condition) throws MessagingException {
        return initialized(new RspamdAttemptsAtLeast(), "RspamdAttemptsAtLeast", condition);
    }
}
