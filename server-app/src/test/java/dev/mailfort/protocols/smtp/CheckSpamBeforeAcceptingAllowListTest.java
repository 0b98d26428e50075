/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.AbstractHookableCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.allowlist.AllowedSender;
import dev.mailfort.allowlist.InMemorySenderAllowList;
import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.senderauth.SenderAuthAttributes;
import dev.mailfort.testing.rspamd.RspamdStub;

/** The reject verdict of {@link CheckSpamBeforeAccepting} when the recipients allow the authenticated sender. */
class CheckSpamBeforeAcceptingAllowListTest {
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);
    private static final String BOB = "bob@example.com";
    private static final String CAROL = "carol@example.com";
    private static final String PARTNER = "news@partner.example";

    private final RspamdStub rspamd = RspamdStub.start();
    private final InMemorySenderAllowList allowList = new InMemorySenderAllowList();

    @AfterEach
    void stopStub() {
        rspamd.close();
    }

    @Test
    void acceptsARejectVerdictWhenEveryRecipientAllowsTheAuthenticatedSender() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 999, 15));
        allow(BOB);
        allow(CAROL);
        Mail mail = mail(true);

        HookResult result = hook().onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        // The verdict stays on the mail: the pipeline still knows it is spam, and decides with the same list.
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, ACTION, String.class)).contains("reject");
    }

    @Test
    void refusesWhenOnlySomeRecipientsAllowTheSender() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 999, 15));
        allow(BOB);

        HookResult result = hook().onMessage(session(), mail(true));

        assertThat(AbstractHookableCmdHandler.calcDefaultSMTPResponse(result).getLines())
            .containsExactly("550 5.7.1 Message refused as spam");
    }

    @Test
    void refusesAForgedFromOfAnAllowedSender() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 999, 15));
        allow(BOB);
        allow(CAROL);

        HookResult result = hook().onMessage(session(), mail(false));

        assertThat(AbstractHookableCmdHandler.calcDefaultSMTPResponse(result).getLines())
            .containsExactly("550 5.7.1 Message refused as spam");
    }

    @Test
    void stillDefersAGreylistVerdictForAnAllowedSender() throws Exception {
        rspamd.answer(RspamdStub.reply("greylist", 4.5, 15));
        allow(BOB);
        allow(CAROL);

        HookResult result = hook().onMessage(session(), mail(true));

        assertThat(AbstractHookableCmdHandler.calcDefaultSMTPResponse(result).getRetCode()).isEqualTo("451");
    }

    private void allow(String recipient) {
        allowList.add(new AllowedSender(recipient, PARTNER, "test", Instant.EPOCH));
    }

    private CheckSpamBeforeAccepting hook() throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("url", rspamd.uri().toString());
        CheckSpamBeforeAccepting hook = new CheckSpamBeforeAccepting(new RecordingMetricFactory(), allowList);
        hook.init(config);
        return hook;
    }

    private static SMTPSession session() {
        SMTPSession session = new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, "mail.partner.example", State.Connection);
        return session;
    }

    /** @param dmarcPass whether CheckSenderAuthenticity found the From authenticated (else: DMARC fail) */
    private static Mail mail(boolean dmarcPass) throws Exception {
        String message = "From: Partner News <" + PARTNER + ">\r\n"
            + "To: " + BOB + "\r\n"
            + "Subject: Offers\r\n"
            + "Message-ID: <offers-1@partner.example>\r\n"
            + "\r\n"
            + "Hello\r\n";
        MailImpl mail = MailImpl.builder()
            .name("Mail1700000000-2")
            .sender(MaybeSender.getMailSender("bounces@partner.example"))
            .addRecipients(BOB, CAROL)
            .build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(mail.getName(),
            new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))));
        for (List<String> attribute : List.of(
                List.of(SenderAuthAttributes.DMARC_RESULT, dmarcPass ? "pass" : "fail"),
                List.of(SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example"))) {
            mail.setAttribute(new Attribute(AttributeName.of(attribute.get(0)), AttributeValue.of(attribute.get(1))));
        }
        return mail;
    }
}
