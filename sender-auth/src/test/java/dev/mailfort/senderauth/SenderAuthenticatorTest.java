/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.net.InetAddresses;

import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dmarc.DmarcEvaluator;
import dev.mailfort.senderauth.dmarc.DmarcPolicy;
import dev.mailfort.senderauth.dmarc.DmarcPolicyFinder;
import dev.mailfort.senderauth.dmarc.DmarcResult;
import dev.mailfort.senderauth.dns.FakeDns;
import dev.mailfort.senderauth.header.HeaderFrom;
import dev.mailfort.senderauth.spf.SpfChecker;
import dev.mailfort.senderauth.spf.SpfResult;

class SenderAuthenticatorTest {
    private static final SmtpIdentities FROM_EXAMPLE_ORG =
        new SmtpIdentities(InetAddresses.forString("192.0.2.25"), "mx.example.org", "bounce@example.org");

    private FakeDns dns;
    private SenderAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        dns = new FakeDns()
            .txt("example.org", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("mx.example.org", "v=spf1 a -all")
            .a("mx.example.org", "192.0.2.25")
            .txt("_dmarc.example.org", "v=DMARC1; p=reject")
            .txt("_dmarc.bank.example", "v=DMARC1; p=reject");
        authenticator = new SenderAuthenticator(new SpfChecker(dns), new DkimChecker(dns),
            new DmarcEvaluator(new DmarcPolicyFinder(dns)));
    }

    private SenderAuthReport evaluate(String from) throws Exception {
        String message = "From: " + from + "\r\nTo: you@mailfort.test\r\nSubject: s\r\n\r\nbody\r\n";
        return authenticator.evaluate(FROM_EXAMPLE_ORG, message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passesDmarcThroughAlignedSpf() throws Exception {
        SenderAuthReport report = evaluate("news@example.org");
        assertThat(report.spfMailFrom().result()).isEqualTo(SpfResult.PASS);
        assertThat(report.spfHelo().result()).isEqualTo(SpfResult.PASS);
        assertThat(report.dkim()).isEmpty();
        assertThat(report.dmarc().result()).isEqualTo(DmarcResult.PASS);
        assertThat(report.authenticationResults("mx.mailfort.test")).isEqualTo("mx.mailfort.test;\r\n"
            + "\tspf=pass (example.org matched ip4) smtp.mailfrom=bounce@example.org;\r\n"
            + "\tspf=pass (mx.example.org matched a) smtp.helo=mx.example.org;\r\n"
            + "\tdkim=none;\r\n"
            + "\tdmarc=pass (p=reject dis=none; SPF passed for aligned example.org) header.from=example.org");
    }

    @Test
    void rejectsAForgedFromOfARejectDomain() throws Exception {
        SenderAuthReport report = evaluate("security@bank.example");
        assertThat(report.dmarc().result()).isEqualTo(DmarcResult.FAIL);
        assertThat(report.dmarc().disposition()).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void reportsAnUnusableHeaderFromAsPermerror() throws Exception {
        SenderAuthReport report = evaluate("a@example.org, b@bank.example");
        assertThat(report.headerFrom().status()).isEqualTo(HeaderFrom.Status.SEVERAL_ADDRESSES);
        assertThat(report.dmarc().result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(report.dmarc().disposition()).isEqualTo(DmarcPolicy.NONE);
    }
}
