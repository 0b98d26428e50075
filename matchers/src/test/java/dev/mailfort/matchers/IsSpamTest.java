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
import static dev.mailfort.matchers.RspamdMatcherMails.withAction;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mailfort.scanning.rspamd.RspamdAttributes;

class IsSpamTest {
    @ParameterizedTest
    @ValueSource(strings = {"add header", "rewrite subject", "reject", "quarantine", "discard"})
    void matchesSpamVerdicts(String action) throws Exception {
        assertThat(matcher().match(withAction(action)))
            .containsExactlyInAnyOrder(new MailAddress(BOB), new MailAddress(CAROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no action", "greylist", "soft reject"})
    void doesNotMatchOtherVerdicts(String action) throws Exception {
        assertThat(matcher().match(withAction(action))).isEmpty();
    }

    @Test
    void doesNotMatchUnscannedMail() throws Exception {
        assertThat(matcher().match(unscanned())).isEmpty();
    }

    @Test
    void doesNotMatchAMailMarkedUnavailable() throws Exception {
        assertThat(matcher().match(with(RspamdAttributes.STATUS, AttributeValue.of("unavailable")))).isEmpty();
    }

    private static IsSpam matcher() throws Exception {
        return initialized(new IsSpam(), "IsSpam", null);
    }
}
