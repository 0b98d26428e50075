/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.io.Serializable;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;

import dev.mailfort.scanning.rspamd.RspamdAttributes;

/** Mails as ScanWithRspamd leaves them, for the rspamd matcher tests. */
final class RspamdMatcherMails {
    static final String BOB = "bob@example.org";
    static final String CAROL = "carol@example.org";

    private RspamdMatcherMails() {
    }

    static Mail withAction(String action) throws MessagingException {
        return with(RspamdAttributes.ACTION, AttributeValue.of(action));
    }

    static Mail withScore(double score) throws MessagingException {
        return with(RspamdAttributes.SCORE, AttributeValue.of(score));
    }

    static Mail with(String attribute, AttributeValue<? extends Serializable> value) throws MessagingException {
        Mail mail = unscanned();
        mail.setAttribute(new Attribute(AttributeName.of(attribute), value));
        return mail;
    }

    static Mail unscanned() throws MessagingException {
        return FakeMail.builder().name("mail-1").recipients(BOB, CAROL).build();
    }

    static <T extends Matcher> T initialized(T matcher, String name, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(name).condition(condition).build());
        return matcher;
    }
}
