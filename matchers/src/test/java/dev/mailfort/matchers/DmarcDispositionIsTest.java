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

import dev.mailfort.senderauth.SenderAuthAttributes;

class DmarcDispositionIsTest {
    @Test
    void matchesAllRecipientsOfAQuarantinedMail() throws Exception {
        assertThat(matcher("quarantine").match(withDisposition("quarantine")))
            .containsExactlyInAnyOrder(new MailAddress(BOB), new MailAddress(CAROL));
    }

    @Test
    void doesNotMatchAnotherDisposition() throws Exception {
        assertThat(matcher("quarantine").match(withDisposition("none"))).isEmpty();
    }

    @Test
    void matchesAnyDispositionOfAList() throws Exception {
        DmarcDispositionIs matcher = matcher("none, Quarantine");

        assertThat(matcher.match(withDisposition("none"))).hasSize(2);
        assertThat(matcher.match(withDisposition("quarantine"))).hasSize(2);
    }

    @Test
    void doesNotMatchMailThatWasNotChecked() throws Exception {
        assertThat(matcher("quarantine").match(unscanned())).isEmpty();
    }

    @Test
    void refusesAnUnknownDisposition() {
        assertThatThrownBy(() -> matcher("reject"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("reject");
    }

    @Test
    void refusesAnEmptyCondition() {
        assertThatThrownBy(() -> matcher(" "))
            .isInstanceOf(MessagingException.class);
    }

    private static Mail withDisposition(String disposition) throws MessagingException {
        return with(SenderAuthAttributes.DMARC_DISPOSITION, AttributeValue.of(disposition));
    }

    private static DmarcDispositionIs matcher(String condition) throws MessagingException {
        return initialized(new DmarcDispositionIs(), "DmarcDispositionIs", condition);
    }
}
