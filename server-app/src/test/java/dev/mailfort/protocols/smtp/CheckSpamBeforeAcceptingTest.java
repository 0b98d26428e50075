/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.AbstractHookableCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.testing.rspamd.RspamdStub;

/** The hook alone, against a stand-in for rspamd; the e2e test SpamRejectedInSessionTest runs it in the server. */
class CheckSpamBeforeAcceptingTest {
    private static final AttributeName STATUS = AttributeName.of(RspamdAttributes.STATUS);
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);
    private static final AttributeName SCORE = AttributeName.of(RspamdAttributes.SCORE);
    private static final AttributeName SCANNED_IN_SESSION = AttributeName.of(RspamdAttributes.SCANNED_IN_SESSION);
    private static final String BODY = "Hello Bob,\r\n\r\n=3D not decoded, not re-encoded\r\n";
    private static final String MESSAGE = "From: Alice <alice@sender.example>\r\n"
        + "To: Bob <bob@example.com>\r\n"
        + "Subject: Quarterly figures\r\n"
        + "Message-ID: <figures-1@sender.example>\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: quoted-printable\r\n"
        + "\r\n"
        + BODY;

    private final RspamdStub rspamd = RspamdStub.start();

    @AfterEach
    void stopStub() {
        rspamd.close();
    }

    @Test
    void refusesARejectVerdictWith550() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 999, 15));

        Response response = reply(hook(config()).onMessage(session(), mail(MESSAGE)));

        assertThat(response.getLines()).containsExactly("550 5.7.1 Message refused as spam");
    }

    @Test
    void countsTheVerdictAndTheRefusal() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 999, 15));
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        CheckSpamBeforeAccepting hook = new CheckSpamBeforeAccepting(metrics);
        hook.init(config());

        hook.onMessage(session(), mail(MESSAGE));

        assertThat(metrics.countFor("mailfort_rspamd_verdict_reject")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_mail_rejected_spam")).isEqualTo(1);
        assertThat(metrics.executionTimesFor("mailfort_rspamd_duration")).hasSize(1);
    }

    @Test
    void tellsTheClientNothingOfRspamdsReasons() throws Exception {
        rspamd.answer("""
            {"score":999,"required_score":15,"action":"reject","symbols":{"GTUBE":{"name":"GTUBE","score":0}},
             "messages":{"smtp_message":"Gtube pattern"}}
            """);

        Response response = reply(hook(config()).onMessage(session(), mail(MESSAGE)));

        assertThat(String.join("\n", response.getLines())).doesNotContain("Gtube").doesNotContain("999");
    }

    @Test
    void defersASoftRejectVerdictWith451() throws Exception {
        rspamd.answer(RspamdStub.reply("soft reject", 12, 15));

        Response response = reply(hook(config()).onMessage(session(), mail(MESSAGE)));

        assertThat(response.getLines()).containsExactly("451 4.7.1 Message deferred, try again later");
    }

    @Test
    void defersAGreylistVerdictWith451() throws Exception {
        rspamd.answer(RspamdStub.reply("greylist", 4.5, 15));

        Response response = reply(hook(config()).onMessage(session(), mail(MESSAGE)));

        assertThat(response.getLines()).containsExactly("451 4.7.1 Message deferred, try again later");
    }

    @Test
    void answers451WhenRspamdIsDown() throws Exception {
        CheckSpamBeforeAccepting hook = hook(config());
        rspamd.close();

        Response response = reply(hook.onMessage(session(), mail(MESSAGE)));

        assertThat(response.getLines()).containsExactly("451 4.3.0 Temporary failure, try again later");
    }

    @Test
    void answers451WhenRspamdIsTooSlow() throws Exception {
        rspamd.delay(Duration.ofSeconds(5));
        BaseHierarchicalConfiguration config = config();
        config.addProperty("readTimeout", "300ms");

        Response response = reply(hook(config).onMessage(session(), mail(MESSAGE)));

        assertThat(response.getRetCode()).isEqualTo("451");
    }

    @Test
    void answers451WhenRspamdTalksNonsense() throws Exception {
        rspamd.answer("<html>Bad gateway</html>");

        Response response = reply(hook(config()).onMessage(session(), mail(MESSAGE)));

        assertThat(response.getLines()).containsExactly("451 4.3.0 Temporary failure, try again later");
    }

    @Test
    void acceptsWithoutVerdictWhenToldToAcceptWhileRspamdIsDown() throws Exception {
        BaseHierarchicalConfiguration config = config();
        config.addProperty("onUnavailable", "accept");
        CheckSpamBeforeAccepting hook = hook(config);
        rspamd.close();
        Mail mail = mail(MESSAGE);

        HookResult result = hook.onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getAttribute(STATUS)).isEmpty();
        assertThat(mail.getAttribute(SCANNED_IN_SESSION)).isEmpty();
    }

    @Test
    void acceptsMailOverTheSizeLimitWithoutAskingRspamd() throws Exception {
        BaseHierarchicalConfiguration config = config();
        config.addProperty("maxSize", "100");
        Mail mail = mail(MESSAGE + "x".repeat(500) + "\r\n");

        HookResult result = hook(config).onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(rspamd.requests()).isEmpty();
        assertThat(mail.getAttribute(SCANNED_IN_SESSION)).isEmpty();
    }

    @Test
    void letsMailWithAnAddHeaderVerdictGoOn() throws Exception {
        rspamd.answer(RspamdStub.reply("add header", 8.2, 15));

        HookResult result = hook(config()).onMessage(session(), mail(MESSAGE));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void recordsTheVerdictInAttributes() throws Exception {
        rspamd.answer(RspamdStub.reply("add header", 8.2, 15));
        Mail mail = mail(MESSAGE);

        hook(config()).onMessage(session(), mail);

        assertThat(AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class)).contains("scanned");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, ACTION, String.class)).contains("add header");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, SCORE, Double.class)).contains(8.2);
    }

    @Test
    void marksTheMailAsScannedInSession() throws Exception {
        Mail mail = mail(MESSAGE);

        hook(config()).onMessage(session(), mail);

        assertThat(AttributeUtils.getValueAndCastFromMail(mail, SCANNED_IN_SESSION, Boolean.class)).contains(true);
    }

    @Test
    void replacesSpamHeadersTheSenderWrote() throws Exception {
        rspamd.answer(RspamdStub.reply("add header", 8.2, 15));
        Mail mail = mail("X-Spam-Status: No, score=-5.00 required=15.00\r\n" + MESSAGE);

        hook(config()).onMessage(session(), mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status")).containsExactly("Yes, score=8.20 required=15.00");
        assertThat(mail.getMessage().getHeader("X-Spam-Action")).containsExactly("add header");
    }

    @Test
    void rewritesTheSubject() throws Exception {
        rspamd.answer("""
            {"score":11.0,"required_score":15.0,"action":"rewrite subject","subject":"***SPAM*** Quarterly figures",
             "symbols":{},"messages":{}}
            """);
        Mail mail = mail(MESSAGE);

        hook(config()).onMessage(session(), mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("***SPAM*** Quarterly figures");
    }

    @Test
    void keepsTheReceivedBodyByteForByte() throws Exception {
        rspamd.answer(RspamdStub.reply("add header", 8.2, 15));
        Mail mail = mail(MESSAGE);

        hook(config()).onMessage(session(), mail);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        mail.getMessage().writeTo(written);
        String queued = written.toString(StandardCharsets.UTF_8);
        assertThat(queued).contains("X-Spam-Action: add header\r\n").endsWith("\r\n\r\n" + BODY);
    }

    @Test
    void leavesARefusedMailUntouched() throws Exception {
        rspamd.answer(RspamdStub.reply("reject", 999, 15));
        Mail mail = mail(MESSAGE);

        hook(config()).onMessage(session(), mail);

        assertThat(mail.getAttribute(STATUS)).isEmpty();
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
    }

    @Test
    void sendsTheEnvelopeOfTheSession() throws Exception {
        SMTPSession session = session();
        session.setUsername(Username.of("alice@sender.example"));

        hook(config()).onMessage(session, mail(MESSAGE));

        RspamdStub.Request request = rspamd.lastRequest();
        assertThat(request.header("IP")).contains("127.0.0.1");
        assertThat(request.header("Helo")).contains("mail.sender.example");
        assertThat(request.header("From")).contains("alice@sender.example");
        assertThat(request.headers("Rcpt")).containsExactly("bob@example.com", "carol@example.com");
        assertThat(request.header("User")).contains("alice@sender.example");
        assertThat(request.header("Queue-Id")).contains("Mail1700000000-1");
        assertThat(request.bodyText()).isEqualTo(MESSAGE);
    }

    @Test
    void sendsNoUserForAnUnauthenticatedSession() throws Exception {
        hook(config()).onMessage(session(), mail(MESSAGE));

        assertThat(rspamd.lastRequest().header("User")).isEmpty();
    }

    @Test
    void refusesAnUnknownOnUnavailable() {
        BaseHierarchicalConfiguration config = config();
        config.addProperty("onUnavailable", "retry");

        assertThatThrownBy(() -> hook(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("onUnavailable");
    }

    @Test
    void refusesABadDuration() {
        BaseHierarchicalConfiguration config = config();
        config.addProperty("readTimeout", "soon");

        assertThatThrownBy(() -> hook(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("readTimeout");
    }

    @Test
    void startsWithEveryParameterDefaulted() {
        assertThatCode(() -> hook(new BaseHierarchicalConfiguration()))
            .doesNotThrowAnyException();
    }

    private BaseHierarchicalConfiguration config() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("url", rspamd.uri().toString());
        return config;
    }

    private static CheckSpamBeforeAccepting hook(BaseHierarchicalConfiguration config) throws ConfigurationException {
        CheckSpamBeforeAccepting hook = new CheckSpamBeforeAccepting(new RecordingMetricFactory());
        hook.init(config);
        return hook;
    }

    private static Response reply(HookResult result) {
        return AbstractHookableCmdHandler.calcDefaultSMTPResponse(result);
    }

    private static SMTPSession session() {
        SMTPSession session = new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, "mail.sender.example", State.Connection);
        return session;
    }

    /** Built as James's DATA handler builds it: the message is the received bytes, parsed on demand. */
    private static Mail mail(String message) throws Exception {
        MailImpl mail = MailImpl.builder()
            .name("Mail1700000000-1")
            .sender(MaybeSender.getMailSender("alice@sender.example"))
            .addRecipients("bob@example.com", "carol@example.com")
            .build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(mail.getName(),
            new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))));
        return mail;
    }
}
