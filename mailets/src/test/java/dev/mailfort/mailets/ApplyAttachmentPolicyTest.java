/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.HARMLESS;
import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.attachment;
import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.parse;
import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.pdf;
import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.peExecutable;
import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.text;
import static dev.mailfort.mailets.ApplyAttachmentPolicyTestMessages.withAttachments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimeUtility;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.attachments.AttachmentAttributes;

class ApplyAttachmentPolicyTest {

    private static ApplyAttachmentPolicy mailet(Map<String, String> parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ApplyAttachmentPolicy");
        parameters.forEach(config::setProperty);
        ApplyAttachmentPolicy mailet = new ApplyAttachmentPolicy(new RecordingMetricFactory());
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(MimeMessage message) throws MessagingException {
        return FakeMail.builder().name("mail-1").mimeMessage(message).sender("alice@example.com")
                .recipient("bob@example.net").state("transport").build();
    }

    private static String status(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, AttributeName.of(AttachmentAttributes.STATUS),
                String.class).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> findings(Mail mail) {
        Collection<AttributeValue<?>> values = (Collection<AttributeValue<?>>) mail
                .getAttribute(AttributeName.of(AttachmentAttributes.FINDINGS)).orElseThrow().getValue().value();
        return values.stream().map(value -> (String) value.value()).toList();
    }

    private static MimeMessage blockedMessage() throws MessagingException {
        return withAttachments(text("see attached"), attachment("setup.exe", "application/octet-stream", HARMLESS),
                attachment("report.pdf", "application/pdf", pdf()));
    }

    private static String rawText(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cleanMailIsRecordedClean() throws Exception {
        Mail mail = mail(withAttachments(text("hello"), attachment("report.pdf", "application/pdf", pdf())));

        mailet(Map.of()).service(mail);

        assertThat(status(mail)).isEqualTo("clean");
        assertThat(findings(mail)).isEmpty();
        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void blockedMailIsRecordedBlockedAndLeftAsItIs() throws Exception {
        Mail mail = mail(blockedMessage());
        String before = rawText(mail.getMessage());

        mailet(Map.of()).service(mail);

        assertThat(status(mail)).isEqualTo("blocked");
        assertThat(findings(mail)).containsExactly("part 2 \"setup.exe\": blocked-extension (.exe)");
        assertThat(rawText(mail.getMessage())).isEqualTo(before);
        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void verdictsAndInspectionTimesArePublishedAsMetrics() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        ApplyAttachmentPolicy mailet = new ApplyAttachmentPolicy(metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("ApplyAttachmentPolicy").build());

        mailet.service(mail(blockedMessage()));
        mailet.service(mail(withAttachments(text("hello"), attachment("report.pdf", "application/pdf", pdf()))));

        assertThat(metrics.countFor("mailfort_attachments_verdict_blocked")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_attachments_verdict_clean")).isEqualTo(1);
        assertThat(metrics.executionTimesFor("mailfort_attachments_duration")).hasSize(2);
    }

    @Test
    void quarantineProcessorReceivesBlockedMail() throws Exception {
        Mail mail = mail(blockedMessage());

        mailet(Map.of("onBlocked", "quarantine", "quarantineProcessor", "quarantine")).service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
    }

    @Test
    void quarantineProcessorLeavesCleanMailAlone() throws Exception {
        Mail mail = mail(withAttachments(text("hello")));

        mailet(Map.of("quarantineProcessor", "quarantine")).service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void tagAddsAHeaderAndLetsTheMailGoOn() throws Exception {
        Mail mail = mail(blockedMessage());

        mailet(Map.of("onBlocked", "tag", "quarantineProcessor", "quarantine")).service(mail);

        assertThat(MimeUtility.unfold(mail.getMessage().getHeader(AttachmentAttributes.HEADER, null)))
                .isEqualTo("blocked; part 2 \"setup.exe\": blocked-extension");
        assertThat(status(mail)).isEqualTo("blocked");
        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void headerArrivingWithTheMailIsRemoved() throws Exception {
        MimeMessage message = withAttachments(text("hello"));
        message.setHeader(AttachmentAttributes.HEADER, "stripped; nothing to see");
        Mail mail = mail(message);

        mailet(Map.of("onBlocked", "tag")).service(mail);

        assertThat(mail.getMessage().getHeader(AttachmentAttributes.HEADER)).isNull();
    }

    @Test
    void stripReplacesTheBlockedPartWithANotice() throws Exception {
        Mail mail = mail(blockedMessage());

        mailet(Map.of("onBlocked", "strip")).service(mail);

        MimeMultipart parts = (MimeMultipart) mail.getMessage().getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        BodyPart notice = parts.getBodyPart(1);
        assertThat(notice.isMimeType("text/plain")).isTrue();
        assertThat((String) notice.getContent()).contains("setup.exe: blocked-extension (.exe)");
        assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("report.pdf");
        assertThat(status(mail)).isEqualTo("stripped");
    }

    @Test
    void strippedMailKeepsItsMessageIdAndSaysWhatWasStripped() throws Exception {
        Mail mail = mail(blockedMessage());

        mailet(Map.of("onBlocked", "strip")).service(mail);

        assertThat(mail.getMessage().getMessageID()).isEqualTo("<original-id@example.com>");
        assertThat(MimeUtility.unfold(mail.getMessage().getHeader(AttachmentAttributes.HEADER, null)))
                .isEqualTo("stripped; part 2 \"setup.exe\": blocked-extension");
    }

    @Test
    void stripRemovesAnAttachedMessageCarryingBlockedContent() throws Exception {
        String inner = "From: carol@example.com\r\nSubject: tool\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=in\r\n\r\n--in\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--in\r\nContent-Type: application/octet-stream; name=tool.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(peExecutable())
                + "\r\n--in--\r\n";
        MimeMessage message = parse("From: alice@example.com\r\nTo: bob@example.net\r\nSubject: fwd\r\n"
                + "Message-ID: <fwd@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=out\r\n\r\n"
                + "--out\r\nContent-Type: text/plain\r\n\r\nforwarding\r\n--out\r\nContent-Type: message/rfc822\r\n\r\n"
                + inner + "\r\n--out--\r\n");
        Mail mail = mail(message);

        mailet(Map.of("onBlocked", "strip")).service(mail);

        MimeMultipart parts = (MimeMultipart) mail.getMessage().getContent();
        assertThat(parts.getBodyPart(1).isMimeType("text/plain")).isTrue();
        assertThat((String) parts.getBodyPart(1).getContent()).contains("tool.bin", "blocked-content");
        assertThat(status(mail)).isEqualTo("stripped");
    }

    @Test
    void stripReplacesTheBodyOfASinglePartMessage() throws Exception {
        MimeMessage message = parse("From: alice@example.com\r\nTo: bob@example.net\r\nSubject: x\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: application/octet-stream; name=run.exe\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(peExecutable())
                + "\r\n");
        Mail mail = mail(message);

        mailet(Map.of("onBlocked", "strip")).service(mail);

        assertThat(mail.getMessage().isMimeType("text/plain")).isTrue();
        assertThat((String) mail.getMessage().getContent()).contains("run.exe");
        assertThat(status(mail)).isEqualTo("stripped");
    }

    @Test
    void mailThatCannotBeStrippedStaysBlockedAndGoesToQuarantine() throws Exception {
        MimeMessage message = parse("From: alice@example.com\r\nTo: bob@example.net\r\nX-Junk: " + "a".repeat(70_000)
                + "\r\nSubject: x\r\n\r\nhello\r\n");
        Mail mail = mail(message);
        String before = rawText(message);

        mailet(Map.of("onBlocked", "strip", "quarantineProcessor", "quarantine")).service(mail);

        assertThat(status(mail)).isEqualTo("blocked");
        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(rawText(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void worksOnTheMessageWrapperJamesHandsToMailets() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        blockedMessage().writeTo(raw);
        MimeMessage wrapper = new MimeMessageWrapper(MimeMessageInputStreamSource.create("mail-1",
                new ByteArrayInputStream(raw.toByteArray())));
        Mail mail = mail(wrapper);

        mailet(Map.of("onBlocked", "strip")).service(mail);

        assertThat(status(mail)).isEqualTo("stripped");
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<original-id@example.com>");
        assertThat(rawText(mail.getMessage())).contains("setup.exe: blocked-extension").doesNotContain("TVo");
    }

    @Test
    void taggingTheMessageWrapperKeepsItsBody() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        blockedMessage().writeTo(raw);
        String original = raw.toString(StandardCharsets.UTF_8);
        MimeMessage wrapper = new MimeMessageWrapper(MimeMessageInputStreamSource.create("mail-1",
                new ByteArrayInputStream(raw.toByteArray())));
        Mail mail = mail(wrapper);

        mailet(Map.of("onBlocked", "tag")).service(mail);

        String tagged = rawText(mail.getMessage());
        assertThat(tagged).contains(AttachmentAttributes.HEADER + ": blocked;");
        assertThat(tagged.substring(tagged.indexOf("\r\n\r\n")))
                .isEqualTo(original.substring(original.indexOf("\r\n\r\n")));
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<original-id@example.com>");
    }

    @Test
    void extensionsCanBeAddedAndRemoved() throws Exception {
        Mail mail = mail(blockedMessage());

        mailet(Map.of("extraBlockedExtensions", "pdf", "allowedExtensions", ".exe")).service(mail);

        assertThat(findings(mail)).containsExactly("part 3 \"report.pdf\": blocked-extension (.pdf)");
    }

    @Test
    void limitsAreReadFromParameters() throws Exception {
        Mail mail = mail(withAttachments(text("x"), attachment("setup.exe", "application/octet-stream",
                peExecutable())));

        mailet(Map.of("allowedExtensions", "exe", "blockedContentKinds", "ELF_EXECUTABLE",
                "maxUncompressedBytes", "1m", "maxHeaderBytes", "32k")).service(mail);

        assertThat(status(mail)).isEqualTo("clean");
    }

    @Test
    void unknownParameterStopsInit() {
        assertThatThrownBy(() -> mailet(Map.of("blockMacro", "false")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("blockMacro");
    }

    @Test
    void invalidValueStopsInit() {
        assertThatThrownBy(() -> mailet(Map.of("maxArchiveDepth", "three")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("maxArchiveDepth");
    }

    @Test
    void unknownActionStopsInit() {
        assertThatThrownBy(() -> mailet(Map.of("onBlocked", "bounce")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("quarantine, strip or tag");
    }

    @Test
    void unknownContentKindStopsInit() {
        assertThatThrownBy(() -> mailet(Map.of("blockedContentKinds", "EXE")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("EXE");
    }
}
