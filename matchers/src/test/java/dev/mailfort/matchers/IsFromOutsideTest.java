/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class IsFromOutsideTest {

    @Test
    void unauthenticatedMailFromAnyClientMatches() throws Exception {
        Mail mail = mail("203.0.113.5");

        assertThat(matcher(null).match(mail)).containsExactlyElementsOf(mail.getRecipients());
    }

    @Test
    void mailOfAnAuthenticatedUserDoesNotMatch() throws Exception {
        Mail mail = mail("203.0.113.5");
        mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@example.com")));

        assertThat(matcher(null).match(mail)).isEmpty();
    }

    @Test
    void mailMadeByTheServerDoesNotMatch() throws Exception {
        Mail mail = mail("127.0.0.1");
        mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);

        assertThat(matcher(null).match(mail)).isEmpty();
    }

    @Test
    void mailFromATrustedRelayDoesNotMatch() throws Exception {
        assertThat(matcher("192.0.2.10, 10.20.0.0/16").match(mail("10.20.7.1"))).isEmpty();
        assertThat(matcher("192.0.2.10, 10.20.0.0/16").match(mail("192.0.2.10"))).isEmpty();
    }

    @Test
    void mailFromJustOutsideATrustedNetworkMatches() throws Exception {
        assertThat(matcher("10.20.0.0/16").match(mail("10.21.0.1"))).isNotEmpty();
    }

    @Test
    void ipv6NetworksAreUnderstood() throws Exception {
        assertThat(matcher("2001:db8::/32").match(mail("2001:db8:1::25"))).isEmpty();
        assertThat(matcher("2001:db8::/32").match(mail("2001:db9::25"))).isNotEmpty();
    }

    @Test
    void loopbackIsNotTrustedUnlessListed() throws Exception {
        assertThat(matcher(null).match(mail("127.0.0.1"))).isNotEmpty();
    }

    @Test
    void hostNamesAreRefusedAsTrustedRelays() {
        assertThatThrownBy(() -> matcher("relay.example.com")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("relay.example.com");
    }

    @Test
    void outOfRangePrefixIsRefused() {
        assertThatThrownBy(() -> matcher("10.0.0.0/33")).isInstanceOf(MessagingException.class);
    }

    private static IsFromOutside matcher(String condition) throws MessagingException {
        IsFromOutside matcher = new IsFromOutside();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsFromOutside").condition(condition).build());
        return matcher;
    }

    private static Mail mail(String remoteAddress) throws MessagingException {
        return FakeMail.builder().name("mail1").sender("someone@elsewhere.example").recipient("bob@example.com")
            .remoteAddr(remoteAddress).build();
    }
}
