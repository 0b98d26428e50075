/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.senderauth.SenderAuthAttributes;
import dev.mailfort.senderauth.dns.DnsSettings;
import dev.mailfort.server.e2e.support.DkimTestKey;

/**
 * The hook's decisions against an in-memory DNS; the client is 127.0.0.1 (FakeTransport), its HELO
 * mail.sender.example. SenderAuthE2ETest runs it in the whole server against a real DNS server.
 */
class CheckSenderAuthenticityTest {
    private static final String AUTHSERV_ID = "mx.mailfort.test";
    private static final LocalDomains OUR_DOMAINS = LocalDomains.of(new OurDomains("example.com", "ours.example"));
    private static final DkimTestKey SIGNED_KEY = DkimTestKey.rsa2048();

    private static ZoneDns dns;

    @BeforeAll
    static void zone() {
        dns = new ZoneDns()
            .txt("mail.sender.example", "v=spf1 a -all")
            .a("mail.sender.example", "127.0.0.1")
            .txt("sender.example", "v=spf1 ip4:127.0.0.1 -all")
            .txt("_dmarc.sender.example", "v=DMARC1; p=reject")
            .txt("bank.example", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.bank.example", "v=DMARC1; p=reject")
            .txt("shop.example", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.shop.example", "v=DMARC1; p=quarantine")
            .txt("news.example", "v=spf1 -all")
            .txt("_dmarc.news.example", "v=DMARC1; p=none")
            .failing("s1._domainkey.news.example")
            .txt("signed.example", "v=spf1 -all")
            .txt("_dmarc.signed.example", "v=DMARC1; p=reject")
            .txt("s1._domainkey.signed.example", SIGNED_KEY.keyRecord())
            .failing("_dmarc.flaky.example")
            .txt("example.com", "v=spf1 ip4:192.0.2.1 -all")
            .txt("ours.example", "v=spf1 ip4:127.0.0.1 -all")
            .failing("unreachable.example.com");
    }

    @Test
    void acceptsAnAlignedSpfPassAndPutsOurResultsOnTop() throws Exception {
        Mail mail = mail("bounce@sender.example", message("alice@sender.example"));

        HookResult result = hook().onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(text(mail)).startsWith("Authentication-Results: " + AUTHSERV_ID + ";\r\n"
            + "\tspf=pass (sender.example matched ip4) smtp.mailfrom=bounce@sender.example;\r\n"
            + "\tspf=pass (mail.sender.example matched a) smtp.helo=mail.sender.example;\r\n"
            + "\tdkim=none;\r\n"
            + "\tdmarc=pass (p=reject dis=none; SPF passed for aligned sender.example) header.from=sender.example\r\n"
            + "From: alice@sender.example\r\n");
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_RESULT)).isEqualTo("pass");
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_DISPOSITION)).isEqualTo("none");
        assertThat(attribute(mail, SenderAuthAttributes.SPF_RESULT)).isEqualTo("pass");
        assertThat(attribute(mail, SenderAuthAttributes.SPF_HELO_RESULT)).isEqualTo("pass");
        assertThat(attribute(mail, SenderAuthAttributes.DKIM_RESULT)).isEqualTo("none");
    }

    @Test
    void acceptsAnAlignedDkimPassWhenSpfFails() throws Exception {
        String signed = SIGNED_KEY.sign(message("news@signed.example"), "signed.example", "s1");
        Mail mail = mail("bounce@signed.example", signed);

        HookResult result = hook().onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(text(mail)).contains("dkim=pass (signature verified) header.d=signed.example header.s=s1")
            .contains("dmarc=pass");
        assertThat(attribute(mail, SenderAuthAttributes.SPF_RESULT)).isEqualTo("fail");
        assertThat(attribute(mail, SenderAuthAttributes.DKIM_RESULT)).isEqualTo("pass");
        assertThat(attribute(mail, SenderAuthAttributes.DKIM_PASSING_DOMAINS)).isEqualTo("signed.example");
    }

    @Test
    void refusesAForgedFromOfARejectDomainNamingItsPolicy() throws Exception {
        HookResult result = hook().onMessage(session(), mail("bounce@sender.example", message("security@bank.example")));

        assertThat(reply(result)).isEqualTo("550 5.7.1 Message rejected: the From domain bank.example is not "
            + "authenticated (SPF and DKIM fail DMARC) and the DMARC policy of bank.example is p=reject");
    }

    @Test
    void countsEachResultAndTheRefusal() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        CheckSenderAuthenticity hook = new CheckSenderAuthenticity(OUR_DOMAINS, List::of, settings -> dns, metrics);
        hook.init(new BaseHierarchicalConfiguration());

        hook.onMessage(session(), mail("bounce@sender.example", message("security@bank.example")));

        assertThat(metrics.countFor("mailfort_dmarc_verdict_fail")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_dkim_verdict_none")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_mail_rejected_sender_auth")).isEqualTo(1);
        assertThat(metrics.executionTimesFor("mailfort_sender_auth_duration")).hasSize(1);
    }

    @Test
    void quarantinesAForgedFromOfAQuarantineDomain() throws Exception {
        Mail mail = mail("bounce@sender.example", message("offers@shop.example"));

        HookResult result = hook().onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_RESULT)).isEqualTo("fail");
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_DISPOSITION)).isEqualTo("quarantine");
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_POLICY)).isEqualTo("quarantine");
    }

    @Test
    void quarantinesARejectDomainWhenConfiguredTo() throws Exception {
        Mail mail = mail("bounce@sender.example", message("security@bank.example"));

        HookResult result = hook(config("onDmarcReject", "quarantine")).onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_DISPOSITION)).isEqualTo("quarantine");
    }

    @Test
    void acceptsAQuarantineDomainWhenConfiguredTo() throws Exception {
        Mail mail = mail("bounce@sender.example", message("offers@shop.example"));

        hook(config("onDmarcQuarantine", "accept")).onMessage(session(), mail);

        assertThat(attribute(mail, SenderAuthAttributes.DMARC_DISPOSITION)).isEqualTo("none");
    }

    @Test
    void deliversAFailingMessageOfAPolicyNoneDomainNormally() throws Exception {
        Mail mail = mail("bounce@sender.example", message("letters@news.example"));

        HookResult result = hook().onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_RESULT)).isEqualTo("fail");
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_DISPOSITION)).isEqualTo("none");
    }

    @Test
    void defersWhenTheDmarcPolicyCannotBeRead() throws Exception {
        HookResult result = hook().onMessage(session(), mail("bounce@sender.example", message("ceo@flaky.example")));

        assertThat(reply(result)).isEqualTo("451 4.7.1 Cannot check the DMARC policy of flaky.example now "
            + "(DNS failure), try again later");
    }

    @Test
    void acceptsADnsFailureWhenConfiguredTo() throws Exception {
        Mail mail = mail("bounce@sender.example", message("ceo@flaky.example"));

        HookResult result = hook(config("onTemporaryError", "accept")).onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_RESULT)).isEqualTo("temperror");
    }

    @Test
    void doesNotDeferWhenOnlyAPolicyNoneDomainsKeyCannotBeRead() throws Exception {
        String signed = SIGNED_KEY.sign(message("letters@news.example"), "news.example", "s1");
        Mail mail = mail("bounce@sender.example", signed);

        HookResult result = hook().onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_RESULT)).isEqualTo("temperror");
        assertThat(attribute(mail, SenderAuthAttributes.DKIM_RESULT)).isEqualTo("temperror");
    }

    @Test
    void refusesAMessageWithoutFrom() throws Exception {
        String noFrom = "To: bob@example.com\r\nSubject: hi\r\n\r\nbody\r\n";

        HookResult result = hook().onMessage(session(), mail("bounce@sender.example", noFrom));

        assertThat(reply(result)).isEqualTo("550 5.7.1 Message refused: it must have exactly one From header "
            + "field with exactly one address");
    }

    @Test
    void refusesAMessageWithTwoFromFields() throws Exception {
        String twoFroms = "From: alice@sender.example\r\n" + message("security@bank.example");

        assertThat(reply(hook().onMessage(session(), mail("bounce@sender.example", twoFroms)))).startsWith("550 5.7.1 ");
    }

    @Test
    void acceptsAnUnusableFromWhenConfiguredTo() throws Exception {
        Mail mail = mail("bounce@sender.example", "To: bob@example.com\r\nSubject: hi\r\n\r\nbody\r\n");

        HookResult result = hook(config("onUnusableFrom", "accept")).onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, SenderAuthAttributes.DMARC_RESULT)).isEqualTo("permerror");
    }

    @Test
    void refusesOurDomainInTheHeaderFromWithoutProof() throws Exception {
        HookResult result = hook().onMessage(session(), mail("bounce@sender.example", message("ceo@example.com")));

        assertThat(reply(result)).isEqualTo("550 5.7.1 Forged sender: example.com in From is a domain of this "
            + "server, and the message is not authenticated for it");
    }

    @Test
    void refusesASubdomainOfOursInTheHeaderFrom() throws Exception {
        HookResult result = hook().onMessage(session(),
            mail("bounce@sender.example", message("payroll@hr.example.com")));

        assertThat(reply(result)).startsWith("550 5.7.1 Forged sender: hr.example.com in From ");
    }

    @Test
    void refusesOurDomainInMailFromWithoutProof() throws Exception {
        HookResult result = hook().onMessage(session(), mail("ceo@example.com", message("alice@sender.example")));

        assertThat(reply(result)).startsWith("550 5.7.1 Forged sender: example.com in MAIL FROM ");
    }

    @Test
    void acceptsOurDomainWhenSpfPassesForIt() throws Exception {
        Mail mail = mail("bounce@ours.example", message("news@ours.example"));

        assertThat(hook().onMessage(session(), mail)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void defersOurDomainWhenItsSpfCannotBeRead() throws Exception {
        HookResult result = hook().onMessage(session(),
            mail("bounce@unreachable.example.com", message("it@unreachable.example.com")));

        assertThat(reply(result)).isEqualTo("451 4.7.1 Cannot authenticate the sender now (DNS failure), "
            + "try again later");
    }

    @Test
    void acceptsOurDomainWhenTheCheckIsOff() throws Exception {
        Mail mail = mail("bounce@sender.example", message("ceo@example.com"));

        assertThat(hook(config("onLocalDomainSpoofing", "accept")).onMessage(session(), mail))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void exemptsTrustedRelays() throws Exception {
        Mail mail = mail("bounce@sender.example", message("ceo@example.com"));

        HookResult result = hook(config("trustedRelays", "192.0.2.0/24, 127.0.0.0/8")).onMessage(session(), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(text(mail)).startsWith("Authentication-Results: " + AUTHSERV_ID + ";");
    }

    @Test
    void replacesResultsClaimingOurAuthservIdAndKeepsOthers() throws Exception {
        String forged = "Authentication-Results: " + AUTHSERV_ID + "; dmarc=pass header.from=bank.example\r\n"
            + "Authentication-Results: (comment) \"MX.MAILFORT.TEST\";\r\n\tdkim=pass header.d=bank.example\r\n"
            + "Authentication-Results: relay.other.example; spf=pass smtp.mailfrom=bounce@sender.example\r\n"
            + message("alice@sender.example");
        Mail mail = mail("bounce@sender.example", forged);

        hook().onMessage(session(), mail);

        String text = text(mail);
        assertThat(text.split("Authentication-Results:", -1)).hasSize(3);
        assertThat(text).startsWith("Authentication-Results: " + AUTHSERV_ID + ";\r\n\tspf=pass")
            .contains("\r\nAuthentication-Results: relay.other.example; spf=pass smtp.mailfrom=bounce@sender.example\r\n")
            .doesNotContain("header.from=bank.example")
            .doesNotContain("MX.MAILFORT.TEST");
    }

    @Test
    void usesTheHeloNameAsAuthservIdByDefault() throws Exception {
        SMTPConfigurationImpl configuration = new SMTPConfigurationImpl() {
            @Override
            public String getHelloName() {
                return "mx1.example.com";
            }
        };
        SMTPSession session = new SMTPSessionImpl(FakeTransport.clearText(), configuration);
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, "mail.sender.example", State.Connection);
        Mail mail = mail("bounce@sender.example", message("alice@sender.example"));

        hook(new BaseHierarchicalConfiguration()).onMessage(session, mail);

        assertThat(text(mail)).startsWith("Authentication-Results: mx1.example.com;\r\n");
    }

    @Test
    void leavesAuthenticatedSessionsAlone() throws Exception {
        SMTPSession session = session();
        session.setUsername(Username.of("bob@example.com"));
        Mail mail = mail("bob@example.com", message("ceo@bank.example"));

        assertThat(hook().onMessage(session, mail)).isEqualTo(HookResult.DECLINED);
        assertThat(text(mail)).doesNotContain("Authentication-Results");
    }

    @Test
    void asksTheConfiguredDnsServers() throws Exception {
        List<DnsSettings> asked = new ArrayList<>();
        CheckSenderAuthenticity hook = new CheckSenderAuthenticity(OUR_DOMAINS,
            () -> List.of(new InetSocketAddress("192.0.2.53", 53)), settings -> {
                asked.add(settings);
                return dns;
            }, new RecordingMetricFactory());

        hook.init(config("dnsServers", "127.0.0.1:5353, [::1]:5354"));

        assertThat(asked).singleElement().extracting(DnsSettings::servers).asList().containsExactly(
            new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("::1", 5354));
    }

    @Test
    void asksTheServersOfDnsserviceByDefault() throws Exception {
        List<DnsSettings> asked = new ArrayList<>();
        CheckSenderAuthenticity hook = new CheckSenderAuthenticity(OUR_DOMAINS,
            () -> List.of(new InetSocketAddress("192.0.2.53", 53)), settings -> {
                asked.add(settings);
                return dns;
            }, new RecordingMetricFactory());

        hook.init(new BaseHierarchicalConfiguration());

        assertThat(asked).singleElement().extracting(DnsSettings::servers).asList()
            .containsExactly(new InetSocketAddress("192.0.2.53", 53));
    }

    @Test
    void readsTheServersOfDnsserviceXml() {
        BaseHierarchicalConfiguration forced = new BaseHierarchicalConfiguration();
        forced.addProperty("autodiscover", "false");
        forced.addProperty("servers.server", List.of("192.0.2.53", "192.0.2.54"));
        BaseHierarchicalConfiguration system = new BaseHierarchicalConfiguration();
        system.addProperty("autodiscover", "true");

        assertThat(CheckSenderAuthenticity.dnsServersOfJames((name, level) -> forced)).containsExactly(
            new InetSocketAddress("192.0.2.53", 53), new InetSocketAddress("192.0.2.54", 53));
        assertThat(CheckSenderAuthenticity.dnsServersOfJames((name, level) -> system)).isEmpty();
    }

    @Test
    void refusesAnUnknownAction() {
        assertThatThrownBy(() -> hook(config("onDmarcReject", "bounce")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("onDmarcReject");
    }

    @Test
    void refusesABadTrustedRelay() {
        assertThatThrownBy(() -> hook(config("trustedRelays", "192.0.2.0/33")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("trustedRelays");
    }

    @Test
    void refusesABadAuthservId() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("authservId", "mx example");

        assertThatThrownBy(() -> hook(config))
            .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void refusesABadDuration() {
        assertThatThrownBy(() -> hook(config("dnsTimeout", "soon")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("dnsTimeout");
    }

    private static CheckSenderAuthenticity hook() throws ConfigurationException {
        return hook(new BaseHierarchicalConfiguration());
    }

    private static CheckSenderAuthenticity hook(BaseHierarchicalConfiguration config) throws ConfigurationException {
        CheckSenderAuthenticity hook = new CheckSenderAuthenticity(OUR_DOMAINS, List::of, settings -> dns,
            new RecordingMetricFactory());
        hook.init(config);
        return hook;
    }

    private static BaseHierarchicalConfiguration config(String name, String value) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("authservId", AUTHSERV_ID);
        config.addProperty(name, value);
        return config;
    }

    private static SMTPSession session() {
        SMTPConfigurationImpl configuration = new SMTPConfigurationImpl() {
            @Override
            public String getHelloName() {
                return AUTHSERV_ID;
            }
        };
        SMTPSession session = new SMTPSessionImpl(FakeTransport.clearText(), configuration);
        session.setAttachment(SMTPSession.CURRENT_HELO_NAME, "mail.sender.example", State.Connection);
        return session;
    }

    private static String message(String from) {
        return "From: " + from + "\r\n"
            + "To: bob@example.com\r\n"
            + "Subject: Quarterly figures\r\n"
            + "Date: Mon, 2 Mar 2026 10:15:00 +0100\r\n"
            + "Message-ID: <figures-1@sender.example>\r\n"
            + "\r\n"
            + "Hello Bob,\r\n";
    }

    /** Built as James's DATA handler builds it: the message is the received bytes, parsed on demand. */
    private static Mail mail(String mailFrom, String message) throws Exception {
        MailImpl mail = MailImpl.builder()
            .name("Mail1700000000-1")
            .sender(MaybeSender.getMailSender(mailFrom))
            .addRecipients("bob@example.com")
            .build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(mail.getName(),
            new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))));
        return mail;
    }

    /**
     * The message as it would be queued, less the MIME-Version field javax.mail puts in its slot at the top when it
     * saves a changed message that had none.
     */
    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        String added = "MIME-Version: 1.0\r\n";
        return text.startsWith(added) ? text.substring(added.length()) : text;
    }

    private static String attribute(Mail mail, String name) {
        return AttributeUtils.getValueAndCastFromMail(mail, AttributeName.of(name), String.class).orElse(null);
    }

    private static String reply(HookResult result) {
        return String.join("\n", AbstractHookableCmdHandler.calcDefaultSMTPResponse(result).getLines());
    }
}
