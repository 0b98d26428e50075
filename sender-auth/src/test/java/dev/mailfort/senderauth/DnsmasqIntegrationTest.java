/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.common.net.InetAddresses;

import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.TestSigner;
import dev.mailfort.senderauth.dmarc.DmarcEvaluator;
import dev.mailfort.senderauth.dmarc.DmarcPolicy;
import dev.mailfort.senderauth.dmarc.DmarcPolicyFinder;
import dev.mailfort.senderauth.dmarc.DmarcResult;
import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsSettings;
import dev.mailfort.senderauth.dns.DnsStatus;
import dev.mailfort.senderauth.dns.DnsjavaResolver;
import dev.mailfort.senderauth.dns.RecordType;
import dev.mailfort.senderauth.spf.SpfChecker;
import dev.mailfort.senderauth.spf.SpfResult;
import dev.mailfort.testing.dns.DnsmasqZone;
import dev.mailfort.testing.dns.LocalDnsmasq;

/** The dnsjava resolver and the whole evaluation against a real DNS server (dnsmasq) on loopback. */
class DnsmasqIntegrationTest {
    private static final String MESSAGE = "From: Alice <alice@mailfort.test>\r\n"
        + "To: bob@example.net\r\n"
        + "Subject: figures\r\n"
        + "Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n"
        + "\r\n"
        + "Hello\r\n";

    private static TestSigner signer;
    private static LocalDnsmasq dnsmasq;
    private static DnsjavaResolver resolver;

    @BeforeAll
    static void start() {
        signer = TestSigner.rsa(2048);
        dnsmasq = LocalDnsmasq.start(DnsmasqZone.local("mailfort.test")
            .alsoLocal("bank.test")
            .txt("mailfort.test", "v=spf1 mx -all")
            .mx("mailfort.test", "mx.mailfort.test", 10)
            .address("mx.mailfort.test", "192.0.2.25")
            .txt("sel1._domainkey.mailfort.test", signer.keyRecord())
            .txt("_dmarc.mailfort.test", "v=DMARC1; p=reject")
            .txt("_dmarc.bank.test", "v=DMARC1; p=quarantine")
            .txt("big.mailfort.test", "1".repeat(500))
            .txt("big.mailfort.test", "2".repeat(500))
            .txt("big.mailfort.test", "3".repeat(500)));
        resolver = new DnsjavaResolver(DnsSettings.builder()
            .server(dnsmasq.address())
            .timeout(Duration.ofSeconds(2))
            .build());
    }

    @AfterAll
    static void stop() {
        dnsmasq.close();
    }

    @Test
    void readsTxtRecords() {
        assertThat(resolver.txt("mailfort.test").records()).containsExactly("v=spf1 mx -all");
    }

    @Test
    void joinsTheStringsOfALongKeyRecord() {
        assertThat(resolver.txt("sel1._domainkey.mailfort.test").records()).containsExactly(signer.keyRecord());
    }

    @Test
    void readsAnAnswerTooLargeForUdpOverTcp() {
        assertThat(resolver.txt("big.mailfort.test").records())
            .containsExactlyInAnyOrder("1".repeat(500), "2".repeat(500), "3".repeat(500));
    }

    @Test
    void tellsNxdomainFromNoData() {
        assertThat(resolver.txt("nothing.mailfort.test").status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(resolver.txt("mx.mailfort.test").status()).isEqualTo(DnsStatus.NO_DATA);
    }

    @Test
    void reportsARefusedQueryAsTemporary() {
        DnsAnswer answer = resolver.txt("example.com");
        assertThat(answer.status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
        assertThat(answer.detail()).contains("REFUSED");
    }

    @Test
    void readsMxAndAddressRecords() {
        assertThat(resolver.lookup("mailfort.test", RecordType.MX).records()).containsExactly("mx.mailfort.test");
        assertThat(resolver.lookup("mx.mailfort.test", RecordType.A).records()).containsExactly("192.0.2.25");
    }

    @Test
    void evaluatesSpfDkimAndDmarcThroughRealDns() throws Exception {
        SenderAuthenticator authenticator = new SenderAuthenticator(new SpfChecker(resolver),
            new DkimChecker(resolver), new DmarcEvaluator(new DmarcPolicyFinder(resolver)));
        String signed = signer.sign(MESSAGE, "mailfort.test", "sel1", "rsa-sha256");
        // Forwarded by a host not in the SPF record: only the DKIM signature can make DMARC pass.
        SmtpIdentities forwarder = new SmtpIdentities(InetAddresses.forString("198.51.100.7"), "fwd.example.net",
            "alice@mailfort.test");

        SenderAuthReport report = authenticator.evaluate(forwarder, signed.getBytes(StandardCharsets.UTF_8));

        assertThat(report.spfMailFrom().result()).isEqualTo(SpfResult.FAIL);
        assertThat(report.dkim()).singleElement().extracting(v -> v.result()).isEqualTo(DkimResult.PASS);
        assertThat(report.dmarc().result()).isEqualTo(DmarcResult.PASS);
    }

    @Test
    void failsDmarcForAForgedFromThroughRealDns() throws Exception {
        SenderAuthenticator authenticator = new SenderAuthenticator(new SpfChecker(resolver),
            new DkimChecker(resolver), new DmarcEvaluator(new DmarcPolicyFinder(resolver)));
        SmtpIdentities spammer = new SmtpIdentities(InetAddresses.forString("198.51.100.7"), "spam.example.net",
            "x@spam.example.net");
        String forged = MESSAGE.replace("alice@mailfort.test", "security@login.bank.test");

        SenderAuthReport report = authenticator.evaluate(spammer, forged.getBytes(StandardCharsets.UTF_8));

        assertThat(report.spfMailFrom().result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(report.dmarc().result()).isEqualTo(DmarcResult.FAIL);
        assertThat(report.dmarc().policyDomain()).isEqualTo("bank.test");
        assertThat(report.dmarc().disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
    }
}
