/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static dev.mailfort.matchers.IsInfectedTest.mailWithStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class ClamAVStatusIsTest {

    @Test
    void matchesEveryRecipientOfMailWithTheStatus() throws Exception {
        ClamAVStatusIs matcher = matcher("too-large");

        assertThat(matcher.match(mailWithStatus("too-large"))).hasSize(2);
    }

    @Test
    void matchesAnyOfSeveralStatuses() throws Exception {
        ClamAVStatusIs matcher = matcher("too-large, unavailable");

        assertThat(matcher.match(mailWithStatus("unavailable"))).hasSize(2);
    }

    @Test
    void doesNotMatchOtherStatuses() throws Exception {
        ClamAVStatusIs matcher = matcher("too-large,unavailable");

        assertThat(matcher.match(mailWithStatus("clean"))).isEmpty();
    }

    @Test
    void doesNotMatchMailNeverScanned() throws Exception {
        ClamAVStatusIs matcher = matcher("clean");

        assertThat(matcher.match(FakeMail.builder().name("mail").recipients("alice@example.com").build())).isEmpty();
    }

    @Test
    void rejectsAnUnknownStatus() {
        assertThatThrownBy(() -> matcher("too_large"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("too_large");
    }

    @Test
    void rejectsAMissingCondition() {
        assertThatThrownBy(() -> matcher(null)).isInstanceOf(MessagingException.class);
    }

    private static ClamAVStatusIs matcher(String condition) throws MessagingException {
        ClamAVStatusIs matcher = new ClamAVStatusIs();
        matcher.init(FakeMatcherConfig.builder().matcherName("ClamAVStatusIs").condition(condition).build());
        return matcher;
    }
}
