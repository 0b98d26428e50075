/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static dev.mailfort.matchers.RspamdMatcherMails.BOB;
import static dev.mailfort.matchers.RspamdMatcherMails.CAROL;
import static dev.mailfort.matchers.RspamdMatcherMails.initialized;
import static dev.mailfort.matchers.RspamdMatcherMails.unscanned;
import static dev.mailfort.matchers.RspamdMatcherMails.withAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class RspamdActionIsTest {
    @Test
    void matchesAllRecipientsOfMailWithTheAction() throws Exception {
        assertThat(matcher("reject").match(withAction("reject")))
            .containsExactlyInAnyOrder(new MailAddress(BOB), new MailAddress(CAROL));
    }

    @Test
    void doesNotMatchAnotherAction() throws Exception {
        assertThat(matcher("reject").match(withAction("add header"))).isEmpty();
    }

    @Test
    void matchesAnyActionOfAList() throws Exception {
        RspamdActionIs matcher = matcher("add header, rewrite subject");

        assertThat(matcher.match(withAction("add header"))).hasSize(2);
        assertThat(matcher.match(withAction("rewrite subject"))).hasSize(2);
        assertThat(matcher.match(withAction("reject"))).isEmpty();
    }

    @Test
    void acceptsTheConfigurationSpellingOfActions() throws Exception {
        assertThat(matcher("add_header").match(withAction("add header"))).hasSize(2);
    }

    @Test
    void doesNotMatchUnscannedMail() throws Exception {
        assertThat(matcher("no action").match(unscanned())).isEmpty();
    }

    @Test
    void refusesAnUnknownAction() {
        assertThatThrownBy(() -> matcher("reject,bounce"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("bounce");
    }

    @Test
    void refusesAnEmptyCondition() {
        assertThatThrownBy(() -> matcher(""))
            .isInstanceOf(MessagingException.class);
    }

    private static RspamdActionIs matcher(String condition) throws MessagingException {
        return initialized(new RspamdActionIs(), "RspamdActionIs", condition);
    }
}
