/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MaybeSender;
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

import dev.mailfort.scanning.rspamd.RspamdAction;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.scanning.rspamd.RspamdScan;
import dev.mailfort.scanning.rspamd.RspamdVerdict;
import dev.mailfort.testing.rspamd.RspamdStub;

/** Against a stand-in for rspamd that answers what each test sets; see the integration test for the real one. */
class ScanWithRspamdTest {
    private static final String PROCESSOR = "spam-scan";
    private static final AttributeName STATUS = AttributeName.of(RspamdAttributes.STATUS);
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);
    private static final AttributeName SCORE = AttributeName.of(RspamdAttributes.SCORE);
    private static final AttributeName REQUIRED_SCORE = AttributeName.of(RspamdAttributes.REQUIRED_SCORE);
    private static final AttributeName SYMBOLS = AttributeName.of(RspamdAttributes.SYMBOLS);
    private static final AttributeName FAILED_ATTEMPTS = AttributeName.of(RspamdAttributes.FAILED_ATTEMPTS);
    private static final AttributeName SCANNED_IN_SESSION = AttributeName.of(RspamdAttributes.SCANNED_IN_SESSION);

    private static final String ADD_HEADER_REPLY = """
        {"score":8.2,"required_score":15.0,"action":"add header",
         "symbols":{"FROM_HAS_DN":{"name":"FROM_HAS_DN","score":0.0},
                    "BAYES_SPAM":{"name":"BAYES_SPAM","score":5.1},
                    "MISSING_MID":{"name":"MISSING_MID","score":2.5},
                    "RCVD_NO_TLS_LAST":{"name":"RCVD_NO_TLS_LAST","score":0.1},
                    "HFILTER_HOSTNAME_UNKNOWN":{"name":"HFILTER_HOSTNAME_UNKNOWN","score":0.5}},
         "messages":{}}
        """;
    private static final String REWRITE_SUBJECT_REPLY = """
        {"score":11.0,"required_score":15.0,"action":"rewrite subject","subject":"***SPAM*** Hello",
         "symbols":{},"messages":{}}
        """;

    private final RspamdStub rspamd = RspamdStub.start();

    @AfterEach
    void stopStub() {
        rspamd.close();
    }

    @Test
    void sendsTheMailsEnvelope() throws Exception {
        ScanWithRspamd mailet = initialized(config());
        Mail mail = FakeMail.builder()
            .name("Mail1700000000-7")
            .mimeMessage(message())
            .sender("alice@example.com")
            .recipients("bob@example.org", "carol@example.org")
            .remoteAddr("192.0.2.10")
            .remoteHost("mx.example.com")
            .attribute(new Attribute(Mail.SMTP_HELO, AttributeValue.of("mx.example.com")))
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice")))
            .state(PROCESSOR)
            .build();

        mailet.service(mail);

        RspamdStub.Request request = rspamd.lastRequest();
        assertThat(request.header("IP")).contains("192.0.2.10");
        assertThat(request.header("Hostname")).contains("mx.example.com");
        assertThat(request.header("Helo")).contains("mx.example.com");
        assertThat(request.header("From")).contains("alice@example.com");
        assertThat(request.headers("Rcpt")).containsExactly("bob@example.org", "carol@example.org");
        assertThat(request.header("User")).contains("alice");
        assertThat(request.header("Queue-Id")).contains("Mail1700000000-7");
        assertThat(request.bodyText()).contains("Subject: Hello").contains("Hello Bob");
    }

    @Test
    void sendsNoHostnameWhenReverseDnsGaveNone() throws Exception {
        ScanWithRspamd mailet = initialized(config());

        mailet.service(FakeMail.builder().name("m").mimeMessage(message()).recipient("bob@example.org")
            .remoteAddr("192.0.2.10").remoteHost("192.0.2.10").build());

        assertThat(rspamd.lastRequest().header("Hostname")).isEmpty();
        assertThat(rspamd.lastRequest().header("Helo")).isEmpty();
        assertThat(rspamd.lastRequest().header("User")).isEmpty();
    }

    @Test
    void sendsTheNullSenderOfABounce() throws Exception {
        ScanWithRspamd mailet = initialized(config());

        mailet.service(FakeMail.builder().name("m").mimeMessage(message()).sender(MaybeSender.nullSender())
            .recipient("bob@example.org").build());

        assertThat(rspamd.lastRequest().header("From")).contains("<>");
    }

    @Test
    void sendsThePassword() throws Exception {
        ScanWithRspamd mailet = initialized(config().setProperty("password", "s3cret"));

        mailet.service(mail());

        assertThat(rspamd.lastRequest().header("Password")).contains("s3cret");
    }

    @Test
    void recordsTheVerdictInAttributes() throws Exception {
        rspamd.answer(ADD_HEADER_REPLY);
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("scanned");
        assertThat(string(mail, ACTION)).contains("add header");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, SCORE, Double.class)).contains(8.2);
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, REQUIRED_SCORE, Double.class)).contains(15.0);
        assertThat(symbols(mail)).containsEntry("BAYES_SPAM", 5.1).containsEntry("FROM_HAS_DN", 0.0).hasSize(5);
    }

    @Test
    void writesSpamHeaders() throws Exception {
        rspamd.answer(ADD_HEADER_REPLY);
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Action")).containsExactly("add header");
        assertThat(mail.getMessage().getHeader("X-Spam-Score")).containsExactly("8.20");
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).containsExactly("Yes, score=8.20 required=15.00");
        assertThat(MimeUtility.unfold(mail.getMessage().getHeader("X-Spam-Symbols", null))).isEqualTo(
            "BAYES_SPAM(5.10), MISSING_MID(2.50), HFILTER_HOSTNAME_UNKNOWN(0.50), RCVD_NO_TLS_LAST(0.10), "
                + "FROM_HAS_DN(0.00)");
    }

    @Test
    void foldsTheSymbolsHeaderIntoShortLines() throws Exception {
        rspamd.answer(ADD_HEADER_REPLY);
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(("X-Spam-Symbols: " + mail.getMessage().getHeader("X-Spam-Symbols", null)).split("\r\n"))
            .hasSizeGreaterThan(1)
            .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void saysNoInTheStatusHeaderWhenNoAction() throws Exception {
        rspamd.answer(RspamdStub.reply("no action", 0.4, 15.0));
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status")).containsExactly("No, score=0.40 required=15.00");
        assertThat(mail.getMessage().getHeader("X-Spam-Symbols")).isNull();
    }

    @Test
    void saysNoInTheStatusHeaderWhenGreylisted() throws Exception {
        rspamd.answer(RspamdStub.reply("greylist", 4.5, 15.0));
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status")).containsExactly("No, score=4.50 required=15.00");
    }

    @Test
    void actionsAndScanTimesArePublishedAsMetrics() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        ScanWithRspamd mailet = new ScanWithRspamd(metrics);
        mailet.init(config().build());

        rspamd.answer(RspamdStub.reply("reject", 20.0, 15.0));
        mailet.service(mail());
        rspamd.answer(RspamdStub.reply("add header", 8.0, 15.0));
        mailet.service(mail());

        assertThat(metrics.countFor("mailfort_rspamd_verdict_reject")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_rspamd_verdict_add_header")).isEqualTo(1);
        assertThat(metrics.executionTimesFor("mailfort_rspamd_duration")).hasSize(2);
    }

    @Test
    void replacesSpamHeadersTheSenderWrote() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 20.0, 15.0));
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail(message()
            .addHeader("X-Spam-Status", "No, score=-5.00 required=15.00")
            .addHeader("X-Spam-Action", "no action")
            .addHeader("X-Spam-Score", "-5.00")
            .addHeader("X-Spam-Symbols", "TRUST_ME(-5.00)"));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status")).containsExactly("Yes, score=20.00 required=15.00");
        assertThat(mail.getMessage().getHeader("X-Spam-Action")).containsExactly("reject");
        assertThat(mail.getMessage().getHeader("X-Spam-Score")).containsExactly("20.00");
        assertThat(mail.getMessage().getHeader("X-Spam-Symbols")).isNull();
    }

    @Test
    void removesSpamHeadersTheSenderWroteWhenNotScanned() throws Exception {
        rspamd.answer(500, "oops");
        ScanWithRspamd mailet = initialized(config().setProperty("onUnavailable", "tag"));
        Mail mail = mail(message().addHeader("X-Spam-Status", "No, score=-5.00 required=15.00"));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
    }

    @Test
    void rewritesTheSubject() throws Exception {
        rspamd.answer(REWRITE_SUBJECT_REPLY);
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("***SPAM*** Hello");
    }

    @Test
    void keepsTheSubjectWhenToldNotToRewriteIt() throws Exception {
        rspamd.answer(REWRITE_SUBJECT_REPLY);
        ScanWithRspamd mailet = initialized(config().setProperty("rewriteSubject", "false"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Hello");
        assertThat(string(mail, ACTION)).contains("rewrite subject");
    }

    @Test
    void keepsTheSubjectForOtherActions() throws Exception {
        rspamd.answer("""
            {"score":16.0,"required_score":15.0,"action":"reject","subject":"***SPAM*** Hello","symbols":{}}
            """);
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Hello");
    }

    @Test
    void cutsTheSymbolsHeaderToItsLimit() throws Exception {
        rspamd.answer(ADD_HEADER_REPLY);
        ScanWithRspamd mailet = initialized(config().setProperty("maxSymbolsHeaderLength", "40"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Symbols", null))
            .isEqualTo("BAYES_SPAM(5.10), MISSING_MID(2.50), ...");
        assertThat(symbols(mail)).hasSize(5);
    }

    @Test
    void doesNotSendMailOverTheSizeLimit() throws Exception {
        ScanWithRspamd mailet = initialized(config().setProperty("maxSize", "100"));
        Mail mail = mail(message().setText("x".repeat(500)));

        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("too-large");
        assertThat(mail.getState()).isEqualTo(PROCESSOR);
        assertThat(rspamd.requests()).isEmpty();
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
    }

    @Test
    void trustsTheKnownSizeOfAMail() throws Exception {
        ScanWithRspamd mailet = initialized(config().setProperty("maxSize", "1K"));
        Mail mail = FakeMail.builder().name("m").mimeMessage(message()).recipient("bob@example.org")
            .size(5000).state(PROCESSOR).build();

        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("too-large");
        assertThat(rspamd.requests()).isEmpty();
    }

    @Test
    void movesMailToTheRetryProcessorWhenRspamdIsUnavailable() throws Exception {
        rspamd.answer(500, "oops");
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("rspamd-retry");
        assertThat(string(mail, STATUS)).contains("unavailable");
        assertThat(attempts(mail)).contains(1);
    }

    @Test
    void movesMailToTheConfiguredRetryProcessor() throws Exception {
        rspamd.answer(500, "oops");
        ScanWithRspamd mailet = initialized(config().setProperty("retryProcessor", "spam-later"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("spam-later");
    }

    @Test
    void countsEachFailedAttempt() throws Exception {
        rspamd.answer(500, "oops");
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();
        mail.setAttribute(new Attribute(FAILED_ATTEMPTS, AttributeValue.of(4)));

        mailet.service(mail);

        assertThat(attempts(mail)).contains(5);
    }

    @Test
    void isUnavailableWhenRspamdIsTooSlow() throws Exception {
        rspamd.delay(Duration.ofSeconds(5));
        ScanWithRspamd mailet = initialized(config().setProperty("readTimeout", "300ms"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("unavailable");
        assertThat(mail.getState()).isEqualTo("rspamd-retry");
    }

    @Test
    void letsMailGoOnMarkedUnavailableWhenTagging() throws Exception {
        rspamd.answer("not json");
        ScanWithRspamd mailet = initialized(config().setProperty("onUnavailable", "tag"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(PROCESSOR);
        assertThat(string(mail, STATUS)).contains("unavailable");
        assertThat(attempts(mail)).contains(1);
    }

    @Test
    void forgetsTheVerdictOfAnEarlierScanWhenUnavailable() throws Exception {
        ScanWithRspamd mailet = initialized(config().setProperty("onUnavailable", "tag"));
        Mail mail = mail();
        rspamd.answer(ADD_HEADER_REPLY);
        mailet.service(mail);

        rspamd.answer(503, "");
        mailet.service(mail);

        assertThat(string(mail, STATUS)).contains("unavailable");
        assertThat(mail.getAttribute(ACTION)).isEmpty();
        assertThat(mail.getAttribute(SCORE)).isEmpty();
        assertThat(mail.getAttribute(SYMBOLS)).isEmpty();
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
    }

    @Test
    void keepsTheVerdictRecordedDuringTheSmtpSession() throws Exception {
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();
        recordedInSession(mail);

        mailet.service(mail);

        assertThat(rspamd.requests()).isEmpty();
        assertThat(string(mail, ACTION)).contains("add header");
        assertThat(mail.getMessage().getHeader("X-Spam-Action")).containsExactly("add header");
        assertThat(mail.getState()).isEqualTo(PROCESSOR);
    }

    @Test
    void removesTheInSessionMarkItHonoured() throws Exception {
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();
        recordedInSession(mail);

        mailet.service(mail);

        assertThat(mail.getAttribute(SCANNED_IN_SESSION)).isEmpty();
    }

    @Test
    void scansAgainWhenTheMailComesBackAfterAnInSessionVerdict() throws Exception {
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();
        recordedInSession(mail);
        mailet.service(mail);
        rspamd.answer(RspamdStub.reply("no action", 0.4, 15.0));

        mailet.service(mail);

        assertThat(rspamd.requests()).hasSize(1);
        assertThat(string(mail, ACTION)).contains("no action");
    }

    @Test
    void scansAMarkedMailThatCarriesNoScan() throws Exception {
        ScanWithRspamd mailet = initialized(config());
        Mail mail = mail();
        mail.setAttribute(new Attribute(SCANNED_IN_SESSION, AttributeValue.of(true)));

        mailet.service(mail);

        assertThat(rspamd.requests()).hasSize(1);
        assertThat(string(mail, STATUS)).contains("scanned");
        assertThat(mail.getAttribute(SCANNED_IN_SESSION)).isEmpty();
    }

    @Test
    void requiresTheRetryProcessorWhenRetrying() throws Exception {
        assertThat(initialized(config()).requiredProcessingState())
            .containsExactly(new ProcessingState("rspamd-retry"));
    }

    @Test
    void requiresNoProcessorWhenTagging() throws Exception {
        assertThat(initialized(config().setProperty("onUnavailable", "tag")).requiredProcessingState()).isEmpty();
    }

    @Test
    void refusesAnUnknownOnUnavailable() {
        assertThatThrownBy(() -> initialized(config().setProperty("onUnavailable", "deliver")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("onUnavailable");
    }

    @Test
    void refusesABadDuration() {
        assertThatThrownBy(() -> initialized(config().setProperty("readTimeout", "soon")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("readTimeout");
    }

    @Test
    void refusesABadUrl() {
        assertThatThrownBy(() -> initialized(config().setProperty("url", "127.0.0.1:11333")))
            .isInstanceOf(MessagingException.class);
    }

    @Test
    void refusesABadSymbolsHeaderLength() {
        assertThatThrownBy(() -> initialized(config().setProperty("maxSymbolsHeaderLength", "0")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("maxSymbolsHeaderLength");
    }

    private FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder()
            .mailetName("ScanWithRspamd")
            .setProperty("url", rspamd.uri().toString());
    }

    private static ScanWithRspamd initialized(FakeMailetConfig.Builder config) throws MessagingException {
        ScanWithRspamd mailet = new ScanWithRspamd(new RecordingMetricFactory());
        mailet.init(config.build());
        return mailet;
    }

    private static MimeMessageBuilder message() throws MessagingException {
        return MimeMessageBuilder.mimeMessageBuilder()
            .addFrom("alice@example.com")
            .addToRecipient("bob@example.org")
            .setSubject("Hello")
            .setText("Hello Bob");
    }

    private static Mail mail() throws MessagingException {
        return mail(message());
    }

    private static Mail mail(MimeMessageBuilder message) throws MessagingException {
        return FakeMail.builder()
            .name("mail-1")
            .mimeMessage(message)
            .sender("alice@example.com")
            .recipient("bob@example.org")
            .state(PROCESSOR)
            .build();
    }

    /** What the SMTP server's in-session check leaves on a mail it accepted with an add header verdict. */
    private static void recordedInSession(Mail mail) throws MessagingException {
        new RspamdVerdictRecorder(true, 1000).record(mail, RspamdVerdict.scanned(new RspamdScan(
            RspamdAction.ADD_HEADER, 8.2, 15.0, List.of(), Optional.empty(), Map.of())));
        RspamdVerdictRecorder.markScannedInSession(mail);
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return AttributeUtils.getValueAndCastFromMail(mail, name, String.class);
    }

    private static Optional<Integer> attempts(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, FAILED_ATTEMPTS, Integer.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> symbols(Mail mail) {
        Map<String, AttributeValue<?>> raw = AttributeUtils.getValueAndCastFromMail(mail, SYMBOLS, Map.class)
            .orElseThrow();
        Map<String, Double> scores = new HashMap<>();
        raw.forEach((name, value) -> scores.put(name, (Double) value.value()));
        return scores;
    }
}
