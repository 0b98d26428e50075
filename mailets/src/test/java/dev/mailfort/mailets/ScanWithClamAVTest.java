/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.testing.clamav.ClamdExtension;
import dev.mailfort.testing.clamav.Eicar;

/** Against a real clamd whose only signature is EICAR's. */
class ScanWithClamAVTest {
    @RegisterExtension
    static ClamdExtension clamd = new ClamdExtension();

    private static final String PROCESSOR = "virus-scan";
    private static final AttributeName STATUS = AttributeName.of(ClamAVAttributes.STATUS);
    private static final AttributeName SIGNATURE = AttributeName.of(ClamAVAttributes.SIGNATURE);
    private static final AttributeName FAILED_ATTEMPTS = AttributeName.of(ClamAVAttributes.FAILED_ATTEMPTS);

    private ScanWithClamAV mailet;

    @AfterEach
    void destroyMailet() {
        if (mailet != null) {
            mailet.destroy();
        }
    }

    @Test
    void cleanMailIsMarkedClean() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(textMessage());

        mailet.service(mail);

        assertThat(status(mail)).contains("clean");
        assertThat(mail.getMessage().getHeader("X-Virus-Status")).containsExactly("clean");
        assertThat(mail.getMessage().getHeader("X-Virus-Scanned")).containsExactly("ClamAV");
    }

    @Test
    void cleanMailHasNoSignature() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(textMessage());
        mail.setAttribute(new Attribute(SIGNATURE, AttributeValue.of("left over from an earlier scan")));

        mailet.service(mail);

        assertThat(mail.getAttribute(SIGNATURE)).isEmpty();
    }

    @Test
    void eicarAttachmentIsMarkedInfectedWithTheSignature() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(messageWithAttachment("eicar.com", Eicar.bytes()));

        mailet.service(mail);

        assertThat(status(mail)).contains("infected");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, SIGNATURE, String.class))
            .contains(Eicar.REPORTED_SIGNATURE_NAME);
    }

    @Test
    void verdictsAndScanTimesArePublishedAsMetrics() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        mailet = new ScanWithClamAV(metrics);
        mailet.init(config().build());

        mailet.service(mail(messageWithAttachment("eicar.com", Eicar.bytes())));
        mailet.service(mail(textMessage()));
        mailet.service(mail(textMessage()));

        assertThat(metrics.countFor("mailfort_clamav_verdict_infected")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_clamav_verdict_clean")).isEqualTo(2);
        assertThat(metrics.executionTimesFor("mailfort_clamav_duration")).hasSize(3);
    }

    @Test
    void infectedMailHeaderNamesTheSignature() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(messageWithAttachment("eicar.com", Eicar.bytes()));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Virus-Status"))
            .containsExactly("infected; " + Eicar.REPORTED_SIGNATURE_NAME);
    }

    @Test
    void zippedEicarAttachmentIsInfected() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(messageWithAttachment("invoice.zip", Eicar.inZip()));

        mailet.service(mail);

        assertThat(status(mail)).contains("infected");
    }

    @Test
    void forgedVirusHeadersAreReplaced() throws Exception {
        mailet = initialized(config());
        MimeMessage message = messageWithAttachment("eicar.com", Eicar.bytes());
        message.addHeader("X-Virus-Status", "clean");
        message.addHeader("X-Virus-Scanned", "ClamAV at a friendly server");
        Mail mail = mail(message);

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Virus-Status"))
            .containsExactly("infected; " + Eicar.REPORTED_SIGNATURE_NAME);
        assertThat(mail.getMessage().getHeader("X-Virus-Scanned")).containsExactly("ClamAV");
    }

    @Test
    void scannedMailStaysInItsProcessor() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(messageWithAttachment("eicar.com", Eicar.bytes()));

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(PROCESSOR);
    }

    @Test
    void mailOverMaxSizeIsTooLarge() throws Exception {
        mailet = initialized(config().setProperty("maxSize", "1K"));
        Mail mail = mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("big").setText("x".repeat(4096)).build());

        mailet.service(mail);

        assertThat(status(mail)).contains("too-large");
        assertThat(mail.getMessage().getHeader("X-Virus-Status")).containsExactly("too-large");
        assertThat(mail.getMessage().getHeader("X-Virus-Scanned")).isNull();
    }

    @Test
    void unavailableClamdSendsTheMailToTheRetryProcessor() throws Exception {
        mailet = initialized(config().setProperty("port", String.valueOf(closedPort())));
        Mail mail = mail(textMessage());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("clamav-retry");
        assertThat(status(mail)).contains("unavailable");
    }

    @Test
    void retryProcessorCanBeChosen() throws Exception {
        mailet = initialized(config().setProperty("port", String.valueOf(closedPort()))
            .setProperty("retryProcessor", "scan-later"));
        Mail mail = mail(textMessage());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("scan-later");
    }

    @Test
    void mailToBeRetriedGetsNoVirusHeader() throws Exception {
        mailet = initialized(config().setProperty("port", String.valueOf(closedPort())));
        Mail mail = mail(textMessage());

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Virus-Status")).isNull();
    }

    @Test
    void everyUnavailableScanCountsAFailedAttempt() throws Exception {
        mailet = initialized(config().setProperty("port", String.valueOf(closedPort())));
        Mail mail = mail(textMessage());

        mailet.service(mail);
        mail.setState(PROCESSOR);
        mailet.service(mail);

        assertThat(AttributeUtils.getValueAndCastFromMail(mail, FAILED_ATTEMPTS, Integer.class)).contains(2);
    }

    @Test
    void tagModeLetsTheMailGoOnMarkedUnavailable() throws Exception {
        mailet = initialized(config().setProperty("port", String.valueOf(closedPort()))
            .setProperty("onUnavailable", "tag"));
        Mail mail = mail(textMessage());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(PROCESSOR);
        assertThat(status(mail)).contains("unavailable");
        assertThat(mail.getMessage().getHeader("X-Virus-Status")).containsExactly("unavailable");
    }

    @Test
    void stoppedClamdHoldsTheMailAndClamdBackScansIt() throws Exception {
        mailet = initialized(config());
        Mail mail = mail(messageWithAttachment("eicar.com", Eicar.bytes()));
        clamd.stop();

        mailet.service(mail);
        assertThat(mail.getState()).isEqualTo("clamav-retry");

        clamd.start();
        // What Requeue does: the mail comes back to the top of the scanning processor.
        mail.setState(PROCESSOR);
        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(PROCESSOR);
        assertThat(status(mail)).contains("infected");
    }

    @Test
    void unreadableMessageIsAnErrorNotAVerdict() throws Exception {
        mailet = initialized(config());
        MimeMessage broken = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public void writeTo(OutputStream out) throws MessagingException {
                throw new MessagingException("the blob store is down");
            }
        };
        Mail mail = mail(broken);

        assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);
        assertThat(mail.getAttribute(STATUS)).isEmpty();
    }

    @Test
    void retryModeRequiresTheRetryProcessor() throws Exception {
        mailet = initialized(config());

        assertThat(mailet.requiredProcessingState()).containsExactly(new ProcessingState("clamav-retry"));
    }

    @Test
    void tagModeRequiresNoProcessor() throws Exception {
        mailet = initialized(config().setProperty("onUnavailable", "tag"));

        assertThat(mailet.requiredProcessingState()).isEmpty();
    }

    @Test
    void unknownOnUnavailableIsRejected() {
        assertThatThrownBy(() -> initialized(config().setProperty("onUnavailable", "deliver")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("onUnavailable");
    }

    @Test
    void invalidTimeoutIsRejected() {
        assertThatThrownBy(() -> initialized(config().setProperty("readTimeout", "soon")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("readTimeout");
    }

    private static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder()
            .mailetName("ScanWithClamAV")
            .setProperty("host", clamd.host())
            .setProperty("port", String.valueOf(clamd.port()))
            .setProperty("readTimeout", "10s");
    }

    private static ScanWithClamAV initialized(FakeMailetConfig.Builder config) throws MessagingException {
        ScanWithClamAV scanner = new ScanWithClamAV(new RecordingMetricFactory());
        scanner.init(config.build());
        return scanner;
    }

    private static Mail mail(MimeMessage message) throws MessagingException {
        return FakeMail.builder()
            .name("mail-1")
            .sender("sender@example.com")
            .recipients("alice@example.com", "bob@example.com")
            .mimeMessage(message)
            .state(PROCESSOR)
            .build();
    }

    private static MimeMessage textMessage() throws MessagingException {
        return MimeMessageBuilder.mimeMessageBuilder()
            .addFrom("sender@example.com")
            .addToRecipient("alice@example.com")
            .setSubject("Lunch")
            .setText("Shall we meet at noon?")
            .build();
    }

    private static MimeMessage messageWithAttachment(String fileName, byte[] content) throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder()
            .addFrom("sender@example.com")
            .addToRecipient("alice@example.com")
            .setSubject("The file")
            .setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().data("See attached."),
                MimeMessageBuilder.bodyPartBuilder()
                    .data(content)
                    .type("application/octet-stream")
                    // As mail clients send files. The test signature is a hash of the whole file, which a 7bit part
                    // would not match: clamd counts the line break before the boundary as part of it.
                    .addHeader("Content-Transfer-Encoding", "base64")
                    .filename(fileName)
                    .disposition("attachment"))
            .build();
    }

    private static Optional<String> status(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
