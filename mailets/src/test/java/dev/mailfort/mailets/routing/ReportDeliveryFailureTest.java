/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportDeliveryFailureTest {
    private static final String REPLY = "550 5.1.1 <erin@partner.example>: Recipient address rejected: User unknown";

    private FakeMailContext context;
    private ReportDeliveryFailure mailet;

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        mailet = new ReportDeliveryFailure();
        mailet.init(FakeMailetConfig.builder().mailetContext(context).setProperty("reportingMta", "mx.example.com").build());
    }

    @Test
    void theNotificationGoesToTheSenderFromTheNullReversePath() throws Exception {
        mailet.service(failedMail(REPLY));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getSender()).isNull();
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
        });
    }

    @Test
    void theNotificationIsAMultipartReportOfTypeDeliveryStatus() throws Exception {
        mailet.service(failedMail(REPLY));

        MimeMessage dsn = sentMessage();
        ContentType type = new ContentType(dsn.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
        assertThat(dsn.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(dsn.getSubject()).isEqualTo("Undelivered mail: Figures");
        Multipart parts = (Multipart) dsn.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("message/delivery-status");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("message/rfc822");
    }

    @Test
    void theStatusFieldHoldsOnlyTheCodeAndTheReplyGoesToDiagnosticCode() throws Exception {
        mailet.service(failedMail(REPLY));

        assertThat(text(part(1))).isEqualTo("Reporting-MTA: dns; mx.example.com\r\n"
            + "\r\n"
            + "Final-Recipient: rfc822; erin@partner.example\r\n"
            + "Action: failed\r\n"
            + "Status: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; " + REPLY + "\r\n"
            + "Last-Attempt-Date: Thu, 26 Nov 2026 10:00:00 GMT\r\n");
    }

    @Test
    void aReplyWithoutEnhancedCodeGivesTheClassOnly() {
        assertThat(DeliveryFailure.of(Optional.of("554 Transaction failed")).status()).isEqualTo("5.0.0");
    }

    @Test
    void anErrorThatIsNotAnSmtpReplyHasNoDiagnosticCode() {
        DeliveryFailure failure = DeliveryFailure.of(Optional.of("Connection refused\n(after 17 attempts)"));

        assertThat(failure.status()).isEqualTo("5.0.0");
        assertThat(failure.smtpReply()).isEmpty();
        assertThat(failure.text()).isEqualTo("Connection refused (after 17 attempts)");
    }

    @Test
    void retHdrsReturnsOnlyTheHeader() throws Exception {
        Mail mail = failedMail(REPLY);
        mail.setDsnParameters(DsnParameters.builder().ret(DsnParameters.Ret.HDRS).build().orElseThrow());

        mailet.service(mail);

        assertThat(part(2).getContentType()).isEqualTo("text/rfc822-headers");
        assertThat(text(part(2))).contains("Subject: Figures").doesNotContain("the figures we talked about");
    }

    @Test
    void notifyNeverIsHonouredAndTheFailedMailEnds() throws Exception {
        Mail mail = failedMail(REPLY);
        mail.setDsnParameters(DsnParameters.builder()
            .addRcptParameter(new MailAddress("erin@partner.example"),
                DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.NEVER)))
            .build().orElseThrow());

        mailet.service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void theOriginalRecipientIsReportedWhenGiven() throws Exception {
        Mail mail = failedMail(REPLY);
        mail.setDsnParameters(DsnParameters.builder()
            .envId(DsnParameters.EnvId.of("QQ314159"))
            .addRcptParameter(new MailAddress("erin@partner.example"),
                DsnParameters.RecipientDsnParameters.of(new MailAddress("sales@partner.example")))
            .build().orElseThrow());

        mailet.service(mail);

        assertThat(text(part(1)))
            .contains("Original-Envelope-Id: QQ314159\r\n")
            .contains("Original-Recipient: rfc822; sales@partner.example\r\nFinal-Recipient: rfc822; erin@partner.example\r\n");
    }

    @Test
    void aMailWithoutSenderIsLeftForTheNextMailet() throws Exception {
        Mail mail = FakeMail.builder().name("bounce").state("bounces").recipient("erin@partner.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("A bounce").setText("x")).build();

        mailet.service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getState()).isEqualTo("bounces");
    }

    private static Mail failedMail(String reply) throws MessagingException {
        FakeMail mail = FakeMail.builder()
            .name("failed")
            .sender("alice@example.com")
            .recipient("erin@partner.example")
            .state("bounces")
            .lastUpdated(java.util.Date.from(java.time.Instant.parse("2026-11-26T10:00:00Z")))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("alice@example.com").addToRecipient("erin@partner.example")
                .setSubject("Figures").setText("Here are the figures we talked about."))
            .build();
        mail.setAttribute(new Attribute(RouteByTransportMap.DELIVERY_ERROR, AttributeValue.of(reply)));
        return mail;
    }

    private MimeMessage sentMessage() {
        return context.getSentMails().get(0).getMsg();
    }

    private BodyPart part(int index) throws Exception {
        return ((Multipart) sentMessage().getContent()).getBodyPart(index);
    }

    private static String text(BodyPart part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
