/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.senderauth.SenderAuthAttributes;

class DecisionLineTest {
    @Test
    void namesTheDecisionTheIdentifiersTheEnvelopeAndTheVerdicts() throws Exception {
        Mail mail = mail("<abc@example.net>", "The secret quarterly numbers", "Body text that must stay private");
        mail.setAttribute(new Attribute(AttributeName.of(ClamAVAttributes.STATUS), AttributeValue.of("infected")));
        mail.setAttribute(new Attribute(AttributeName.of(ClamAVAttributes.SIGNATURE), AttributeValue.of("Eicar-Sig")));
        mail.setAttribute(new Attribute(AttributeName.of(RspamdAttributes.ACTION), AttributeValue.of("no action")));
        mail.setAttribute(new Attribute(AttributeName.of(RspamdAttributes.SCORE), AttributeValue.of(1.5)));
        mail.setAttribute(new Attribute(AttributeName.of(SenderAuthAttributes.SPF_RESULT), AttributeValue.of("pass")));

        String line = DecisionLine.of(mail, "quarantined", Optional.of("virus")).text();

        assertThat(line).isEqualTo("decision=quarantined reason=virus queue_id=mail-7 message_id=<abc@example.net> "
            + "from=<sender@example.net> to=<alice@example.com>,<bob@example.com> size=" + mail.getMessageSize()
            + " client=192.0.2.7 clamav=infected:Eicar-Sig rspamd=\"no action/1.5\" spf=pass");
    }

    @Test
    void namesTheFolderAStorageDirectiveAsksFor() throws Exception {
        Mail mail = mail("<abc@example.net>", "Hi", "Hi");
        mail.setAttribute(new Attribute(AttributeName.of("DeliveryPath_alice@example.com"), AttributeValue.of("Junk")));

        assertThat(DecisionLine.of(mail, "delivered", Optional.empty()).fields()).containsEntry("folder", "Junk");
    }

    @Test
    void neverContainsTheSubjectOrTheBody() throws Exception {
        Mail mail = mail("<abc@example.net>", "The secret quarterly numbers", "Body text that must stay private");

        String line = DecisionLine.of(mail, "delivered", Optional.empty()).text();

        assertThat(line).doesNotContain("secret").doesNotContain("private");
    }

    @Test
    void aForgedMessageIdCannotStartAnotherLogLine() throws Exception {
        Mail mail = mail("<x@example.net>\r\ndecision=delivered", "Hi", "Hi");
        mail.getMessage().setHeader("Message-ID", "<x@example.net>\r\ndecision=delivered");

        String line = DecisionLine.of(mail, "quarantined", Optional.of("spam")).text();

        assertThat(line).doesNotContain("\n").doesNotContain("\r")
            .contains("message_id=\"<x@example.net>  decision=delivered\"");
    }

    @Test
    void aMailWithManyRecipientsListsTheFirstTwenty() throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("mail-8").mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
            .setSubject("x").setText("x")).sender("sender@example.net");
        for (int i = 0; i < 25; i++) {
            builder.recipient("user" + i + "@example.com");
        }

        String line = DecisionLine.of(builder.build(), "delivered", Optional.empty()).text();

        assertThat(line).contains("<user19@example.com>,+5 more").doesNotContain("user20@");
    }

    @Test
    void theNullSenderIsWrittenAsEmptyBrackets() throws Exception {
        Mail mail = FakeMail.builder().name("bounce-1").mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
            .setSubject("x").setText("x")).recipient("alice@example.com").build();

        assertThat(DecisionLine.of(mail, "delivered", Optional.empty()).fields()).containsEntry("from", "<>");
    }

    private static Mail mail(String messageId, String subject, String body) throws MessagingException {
        return FakeMail.builder()
            .name("mail-7")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("Message-ID", messageId)
                .setSubject(subject)
                .setText(body))
            .sender("sender@example.net")
            .recipients("alice@example.com", "bob@example.com")
            .remoteAddr("192.0.2.7")
            .build();
    }
}
