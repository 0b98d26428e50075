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
import static dev.mailfort.matchers.RspamdMatcherMails.withScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeValue;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.rspamd.RspamdAttributes;

class SpamScoreIsAboveTest {
    @Test
    void matchesAllRecipientsAboveTheThreshold() throws Exception {
        assertThat(matcher("7.5").match(withScore(7.6)))
            .containsExactlyInAnyOrder(new MailAddress(BOB), new MailAddress(CAROL));
    }

    @Test
    void doesNotMatchTheThresholdItself() throws Exception {
        assertThat(matcher("7.5").match(withScore(7.5))).isEmpty();
    }

    @Test
    void doesNotMatchBelow() throws Exception {
        assertThat(matcher("7.5").match(withScore(-2.0))).isEmpty();
    }

    @Test
    void acceptsANegativeThreshold() throws Exception {
        assertThat(matcher("-1").match(withScore(-0.5))).hasSize(2);
    }

    @Test
    void readsAScoreStoredAsAnotherNumberType() throws Exception {
        assertThat(matcher("7").match(with(RspamdAttributes.SCORE, AttributeValue.of(8)))).hasSize(2);
    }

    @Test
    void doesNotMatchUnscannedMail() throws Exception {
        assertThat(matcher("-100").match(unscanned())).isEmpty();
    }

    @Test
    void refusesAConditionThatIsNotANumber() {
        assertThatThrownBy(() -> matcher("high"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("high");
    }

    @Test
    void refusesAMissingCondition() {
        assertThatThrownBy(() -> matcher(null)).isInstanceOf(MessagingException.class);
    }

    private static SpamScoreIsAbove matcher(String condition) throws MessagingException {
        return initialized(new SpamScoreIsAbove(), "SpamScoreIsAbove", condition);
    }
}
