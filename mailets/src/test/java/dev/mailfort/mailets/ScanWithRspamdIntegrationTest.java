/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.testing.rspamd.RspamdExtension;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/** Against a real rspamd (Debian package, private offline configuration). */
class ScanWithRspamdIntegrationTest {
    @RegisterExtension
    static RspamdExtension rspamd = new RspamdExtension();

    private static final String PROCESSOR = "spam-scan";
    private static final AttributeName STATUS = AttributeName.of(RspamdAttributes.STATUS);
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);
    private static final AttributeName SYMBOLS = AttributeName.of(RspamdAttributes.SYMBOLS);

    @Test
    void marksGtubeForRejection() throws Exception {
        Mail mail = mail(RspamdTestMail.gtube());

        mailet().service(mail);

        assertThat(string(mail, ACTION)).contains("reject");
        assertThat(symbols(mail)).containsKey("GTUBE");
        assertThat(mail.getMessage().getHeader("X-Spam-Status")[0]).startsWith("Yes, score=");
        assertThat(mail.getMessage().getHeader("X-Spam-Action")).containsExactly("reject");
    }

    @Test
    void marksTheAddHeaderTriggerAsSpamWithItsSymbol() throws Exception {
        Mail mail = mail(RspamdTestMail.withTrigger(RspamdTestMail.ADD_HEADER_TRIGGER, "Quarterly figures"));

        mailet().service(mail);

        assertThat(string(mail, ACTION)).contains("add header");
        assertThat(symbols(mail)).containsKey(RspamdTestMail.ADD_HEADER_SYMBOL);
        assertThat(mail.getMessage().getHeader("X-Spam-Status")[0]).startsWith("Yes, score=8.");
        assertThat(mail.getMessage().getHeader("X-Spam-Symbols", null)).startsWith(RspamdTestMail.ADD_HEADER_SYMBOL);
    }

    @Test
    void rewritesTheSubjectAsRspamdSays() throws Exception {
        Mail mail = mail(RspamdTestMail.withTrigger(RspamdTestMail.REWRITE_SUBJECT_TRIGGER, "Quarterly figures"));

        mailet().service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("***SPAM*** Quarterly figures");
    }

    @Test
    void findsNothingInPlainBusinessMail() throws Exception {
        Mail mail = mail(RspamdTestMail.plainBusinessMail());

        mailet().service(mail);

        assertThat(string(mail, STATUS)).contains("scanned");
        assertThat(string(mail, ACTION)).contains("no action");
        assertThat(mail.getMessage().getHeader("X-Spam-Status")[0]).startsWith("No, score=");
        assertThat(mail.getMessage().getSubject()).isEqualTo("Minutes of Thursday's budget meeting");
    }

    @Test
    void holdsMailForRetryWhileRspamdIsStoppedAndScansItOnceBack() throws Exception {
        ScanWithRspamd mailet = mailet();
        Mail mail = mail(RspamdTestMail.gtube());
        rspamd.stop();

        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("unavailable");
        assertThat(mail.getState()).isEqualTo("rspamd-retry");

        rspamd.start();
        mail.setState(PROCESSOR);
        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("scanned");
        assertThat(string(mail, ACTION)).contains("reject");
        assertThat(mail.getState()).isEqualTo(PROCESSOR);
    }

    private static ScanWithRspamd mailet() throws MessagingException {
        ScanWithRspamd mailet = new ScanWithRspamd(new RecordingMetricFactory());
        mailet.init(FakeMailetConfig.builder()
            .mailetName("ScanWithRspamd")
            .setProperty("url", rspamd.uri().toString())
            .build());
        return mailet;
    }

    private static Mail mail(String raw) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder()
            .name("itest-" + System.nanoTime())
            .mimeMessage(message)
            .sender("alice@example.com")
            .recipient("bob@example.org")
            .remoteAddr("192.0.2.10")
            .remoteHost("mx.example.com")
            .attribute(new Attribute(Mail.SMTP_HELO, AttributeValue.of("mx.example.com")))
            .state(PROCESSOR)
            .build();
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return AttributeUtils.getValueAndCastFromMail(mail, name, String.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue<?>> symbols(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, SYMBOLS, Map.class).orElseThrow();
    }
}
