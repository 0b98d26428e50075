/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dns.FakeDns;
import dev.mailfort.senderauth.spf.SpfResult;
import dev.mailfort.senderauth.spf.SpfScope;
import dev.mailfort.senderauth.spf.SpfVerdict;

class DmarcEvaluatorTest {
    private final List<Integer> draws = new ArrayList<>();
    private boolean selected = true;
    private FakeDns dns;
    private DmarcEvaluator evaluator;

    @BeforeEach
    void setUp() {
        dns = new FakeDns();
        evaluator = new DmarcEvaluator(new DmarcPolicyFinder(dns), percent -> {
            draws.add(percent);
            return selected;
        });
    }

    private static SpfVerdict spf(SpfResult result, String domain) {
        return new SpfVerdict(result, SpfScope.MAIL_FROM, "bounce@" + domain, domain, "");
    }

    private static DkimSignatureVerdict dkim(DkimResult result, String domain) {
        return new DkimSignatureVerdict(result, domain, "s1", "rsa-sha256", "");
    }

    @Test
    void passesWithAnAlignedSpfPass() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.PASS, "bounces.example.com"), List.of());
        assertThat(verdict.result()).isEqualTo(DmarcResult.PASS);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(verdict.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void passesWithAnAlignedDkimPass() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"),
            List.of(dkim(DkimResult.FAIL, "example.com"), dkim(DkimResult.PASS, "mail.example.com")));
        assertThat(verdict.result()).isEqualTo(DmarcResult.PASS);
        assertThat(verdict.reason()).contains("mail.example.com");
    }

    @Test
    void failsWhenThePassingIdentitiesAreNotAligned() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.PASS, "example.net"),
            List.of(dkim(DkimResult.PASS, "mailer.example.org")));
        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(draws).isEmpty();
    }

    @Test
    void failsASubdomainSignatureUnderStrictDkimAlignment() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=quarantine; adkim=s");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.NONE, "example.net"),
            List.of(dkim(DkimResult.PASS, "mail.example.com")));
        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void failsASubdomainMailFromUnderStrictSpfAlignment() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject; aspf=s");
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.PASS, "bounces.example.com"), List.of()).result())
            .isEqualTo(DmarcResult.FAIL);
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.PASS, "example.com"), List.of()).result())
            .isEqualTo(DmarcResult.PASS);
    }

    @Test
    void findsTheOrganizationalPolicyAndAppliesItsSubdomainPolicy() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=none; sp=reject");
        DmarcVerdict verdict = evaluator.evaluate("news.example.com", spf(SpfResult.FAIL, "news.example.com"),
            List.of());
        assertThat(verdict.policyDomain()).isEqualTo("example.com");
        assertThat(verdict.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(dns.queries()).containsExactly("TXT _dmarc.news.example.com", "TXT _dmarc.example.com");
    }

    @Test
    void appliesPWhenTheFromDomainHasItsOwnRecord() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=none; sp=reject");
        dns.txt("_dmarc.news.example.com", "v=DMARC1; p=quarantine");
        DmarcVerdict verdict = evaluator.evaluate("news.example.com", spf(SpfResult.FAIL, "news.example.com"),
            List.of());
        assertThat(verdict.policyDomain()).isEqualTo("news.example.com");
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void usesPForSubdomainsWhenSpIsAbsent() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=quarantine");
        assertThat(evaluator.evaluate("a.b.example.com", spf(SpfResult.FAIL, "x.example.net"), List.of())
            .disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void lowersRejectToQuarantineForMessagesOutsidePct() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=25");
        selected = false;
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"), List.of());
        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(verdict.sampledOut()).isTrue();
        assertThat(draws).containsExactly(25);
    }

    @Test
    void lowersQuarantineToNoneForMessagesOutsidePct() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=quarantine; pct=0");
        selected = false;
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"), List.of()).disposition())
            .isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void appliesThePolicyToMessagesInsidePct() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=50");
        selected = true;
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"), List.of());
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(verdict.sampledOut()).isFalse();
    }

    @Test
    void givesNoneWithoutAnyRecord() {
        DmarcVerdict verdict = evaluator.evaluate("mail.example.com", spf(SpfResult.FAIL, "x.example.net"), List.of());
        assertThat(verdict.result()).isEqualTo(DmarcResult.NONE);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void givesNoneForSeveralRecordsWithoutLookingFurther() {
        dns.txt("_dmarc.news.example.com", "v=DMARC1; p=reject", "v=DMARC1; p=none");
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcVerdict verdict = evaluator.evaluate("news.example.com", spf(SpfResult.FAIL, "x.example.net"), List.of());
        assertThat(verdict.result()).isEqualTo(DmarcResult.NONE);
        assertThat(verdict.reason()).contains("several");
        assertThat(dns.queries()).containsExactly("TXT _dmarc.news.example.com");
    }

    @Test
    void ignoresNonDmarcTxtRecordsAtTheSameName() {
        dns.txt("_dmarc.example.com", "some other text", "v=DMARC1; p=reject");
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"), List.of()).result())
            .isEqualTo(DmarcResult.FAIL);
    }

    @Test
    void givesPermerrorForAnUnusableRecord() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=bogus");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"), List.of());
        assertThat(verdict.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void givesTemperrorWhenThePolicyCannotBeFetched() {
        dns.failTemporarily("_dmarc.example.com");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.PASS, "example.com"), List.of());
        assertThat(verdict.result()).isEqualTo(DmarcResult.TEMPERROR);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void givesTemperrorWhenTheOrganizationalPolicyCannotBeFetched() {
        dns.failTemporarily("_dmarc.example.com");
        assertThat(evaluator.evaluate("mail.example.com", spf(SpfResult.FAIL, "x"), List.of()).result())
            .isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void givesTemperrorRatherThanFailWhenAnAlignedSpfCheckFailedTemporarily() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcVerdict verdict = evaluator.evaluate("example.com", spf(SpfResult.TEMPERROR, "example.com"),
            List.of(dkim(DkimResult.FAIL, "example.com")));
        assertThat(verdict.result()).isEqualTo(DmarcResult.TEMPERROR);
        assertThat(verdict.disposition()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void givesTemperrorRatherThanFailWhenAnAlignedKeyLookupFailedTemporarily() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.FAIL, "example.com"),
            List.of(dkim(DkimResult.TEMPERROR, "example.com"))).result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void failsWhenOnlyAnUnalignedCheckFailedTemporarily() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.TEMPERROR, "example.net"), List.of()).result())
            .isEqualTo(DmarcResult.FAIL);
    }

    @Test
    void passesWhenOneIdentifierPassesDespiteATemporaryFailureOfTheOther() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        assertThat(evaluator.evaluate("example.com", spf(SpfResult.TEMPERROR, "example.com"),
            List.of(dkim(DkimResult.PASS, "example.com"))).result()).isEqualTo(DmarcResult.PASS);
    }
}
