/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.common.net.InetAddresses;

import dev.mailfort.senderauth.dns.FakeDns;
import dev.mailfort.senderauth.dns.RecordType;

/** check_host() against the example zone of RFC 7208 Appendix A, plus the limits of §4.6.4. */
class SpfCheckerTest {
    private FakeDns dns;
    private SpfChecker checker;

    @BeforeEach
    void rfc7208AppendixAZone() {
        dns = new FakeDns()
            .a("example.com", "192.0.2.10", "192.0.2.11")
            .a("amy.example.com", "192.0.2.65")
            .a("bob.example.com", "192.0.2.66")
            .a("mail-a.example.com", "192.0.2.129")
            .a("mail-b.example.com", "192.0.2.130")
            .a("mail-c.example.org", "192.0.2.140")
            .add("example.com", RecordType.MX, "mail-a.example.com", "mail-b.example.com")
            .add("example.org", RecordType.MX, "mail-c.example.org")
            .add("10.2.0.192.in-addr.arpa", RecordType.PTR, "example.com")
            .add("11.2.0.192.in-addr.arpa", RecordType.PTR, "example.com")
            .add("65.2.0.192.in-addr.arpa", RecordType.PTR, "amy.example.com")
            .add("66.2.0.192.in-addr.arpa", RecordType.PTR, "bob.example.com")
            .add("129.2.0.192.in-addr.arpa", RecordType.PTR, "mail-a.example.com")
            .add("130.2.0.192.in-addr.arpa", RecordType.PTR, "mail-b.example.com")
            .add("140.2.0.192.in-addr.arpa", RecordType.PTR, "mail-c.example.org")
            .add("10.0.0.10.in-addr.arpa", RecordType.PTR, "bob.example.com");
        checker = new SpfChecker(dns);
    }

    private SpfResult check(String record, String ip) {
        dns.set("example.com", RecordType.TXT, record);
        return checker.checkMailFrom(ip(ip), "mx.example.org", "user@example.com").result();
    }

    private static InetAddress ip(String ip) {
        return InetAddresses.forString(ip);
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
        "v=spf1 +all,192.0.2.200,PASS",
        "v=spf1 a -all,192.0.2.10,PASS",
        "v=spf1 a -all,192.0.2.11,PASS",
        "v=spf1 a -all,192.0.2.65,FAIL",
        "v=spf1 a:example.org -all,192.0.2.10,FAIL",
        "v=spf1 mx -all,192.0.2.129,PASS",
        "v=spf1 mx -all,192.0.2.130,PASS",
        "v=spf1 mx -all,192.0.2.10,FAIL",
        "v=spf1 mx:example.org -all,192.0.2.140,PASS",
        "v=spf1 mx mx:example.org -all,192.0.2.129,PASS",
        "v=spf1 mx mx:example.org -all,192.0.2.140,PASS",
        "v=spf1 mx/30 mx:example.org/30 -all,192.0.2.131,PASS",
        "v=spf1 mx/30 mx:example.org/30 -all,192.0.2.143,PASS",
        "v=spf1 mx/30 mx:example.org/30 -all,192.0.2.144,FAIL",
        "v=spf1 ptr -all,192.0.2.10,PASS",
        "v=spf1 ptr -all,192.0.2.65,PASS",
        "v=spf1 ptr -all,192.0.2.129,PASS",
        "v=spf1 ptr -all,192.0.2.140,FAIL",
        "v=spf1 ptr -all,10.0.0.10,FAIL",
        "v=spf1 ip4:192.0.2.128/28 -all,192.0.2.128,PASS",
        "v=spf1 ip4:192.0.2.128/28 -all,192.0.2.143,PASS",
        "v=spf1 ip4:192.0.2.128/28 -all,192.0.2.144,FAIL",
        "v=spf1 ip4:192.0.2.128/28 -all,192.0.2.65,FAIL",
    })
    void evaluatesTheAppendixAExamples(String record, String ip, SpfResult expected) {
        assertThat(check(record, ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"v=spf1 ~all,SOFTFAIL", "v=spf1 ?all,NEUTRAL", "v=spf1,NEUTRAL", "v=spf1 -ip4:192.0.2.1,NEUTRAL"})
    void appliesQualifiersAndTheNeutralDefault(String record, SpfResult expected) {
        assertThat(check(record, "192.0.2.200")).isEqualTo(expected);
    }

    @Test
    void matchesIpv6ClientsWithIp6AndAaaa() {
        dns.add("v6.example.com", RecordType.AAAA, "2001:db8:1::25");
        assertThat(check("v=spf1 ip6:2001:db8::/32 -all", "2001:db8:ffff::1")).isEqualTo(SpfResult.PASS);
        dns = new FakeDns().add("v6.example.com", RecordType.AAAA, "2001:db8:1::25");
        checker = new SpfChecker(dns);
        assertThat(check("v=spf1 a:v6.example.com -all", "2001:db8:1::25")).isEqualTo(SpfResult.PASS);
        assertThat(check("v=spf1 a:v6.example.com -all", "192.0.2.10")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void neverMatchesAnIpv4ClientWithAnIp6Network() {
        assertThat(check("v=spf1 ip6:::/0 -all", "192.0.2.10")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void passesThroughAnIncludeThatPasses() {
        dns.txt("example.org", "v=spf1 include:example.com -all");
        dns.txt("example.com", "v=spf1 a -all");
        SpfVerdict verdict = checker.checkMailFrom(ip("192.0.2.10"), "h.example.org", "user@example.org");
        assertThat(verdict.result()).isEqualTo(SpfResult.PASS);
        assertThat(verdict.domain()).isEqualTo("example.org");
    }

    @Test
    void treatsAFailingIncludeAsNoMatch() {
        dns.txt("example.org", "v=spf1 include:example.com ~all");
        dns.txt("example.com", "v=spf1 a -all");
        assertThat(checker.checkMailFrom(ip("192.0.2.200"), "h", "user@example.org").result())
            .isEqualTo(SpfResult.SOFTFAIL);
    }

    @Test
    void givesPermerrorForAnIncludeWithoutRecord() {
        dns.txt("example.org", "v=spf1 include:example.com include:example.net -all");
        dns.txt("example.com", "v=spf1 a -all");
        assertThat(checker.checkMailFrom(ip("192.0.2.10"), "h", "user@example.org").result())
            .isEqualTo(SpfResult.PASS);
        assertThat(checker.checkMailFrom(ip("192.0.2.200"), "h", "user@example.org").result())
            .isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void followsRedirectWhenNothingMatched() {
        dns.txt("example.net", "v=spf1 redirect=_spf.example.com");
        dns.txt("_spf.example.com", "v=spf1 mx:example.com -all");
        assertThat(checker.checkMailFrom(ip("192.0.2.129"), "h", "user@example.net").result())
            .isEqualTo(SpfResult.PASS);
        assertThat(checker.checkMailFrom(ip("192.0.2.10"), "h", "user@example.net").result())
            .isEqualTo(SpfResult.FAIL);
    }

    @Test
    void ignoresRedirectWhenAllMatched() {
        dns.txt("example.net", "v=spf1 ?all redirect=_spf.example.com");
        dns.txt("_spf.example.com", "v=spf1 -all");
        assertThat(checker.checkMailFrom(ip("192.0.2.129"), "h", "user@example.net").result())
            .isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void givesPermerrorForARedirectToADomainWithoutRecord() {
        dns.txt("example.net", "v=spf1 redirect=nothing.example.com");
        assertThat(checker.checkMailFrom(ip("192.0.2.129"), "h", "user@example.net").result())
            .isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void stopsAnIncludeLoopWithPermerror() {
        dns.txt("a.example", "v=spf1 include:b.example -all");
        dns.txt("b.example", "v=spf1 include:a.example -all");
        SpfVerdict verdict = checker.checkMailFrom(ip("192.0.2.1"), "h", "user@a.example");
        assertThat(verdict.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(verdict.reason()).contains("more than 10");
        assertThat(dns.queries()).hasSizeLessThanOrEqualTo(11);
    }

    @Test
    void stopsARedirectLoopWithPermerror() {
        dns.txt("a.example", "v=spf1 redirect=b.example");
        dns.txt("b.example", "v=spf1 redirect=a.example");
        assertThat(checker.checkMailFrom(ip("192.0.2.1"), "h", "user@a.example").result())
            .isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void allowsTenDnsQueryingTerms() {
        addHosts(10);
        assertThat(check("v=spf1 " + aTerms(10) + " -all", "192.0.2.1")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void givesPermerrorAtTheEleventhDnsQueryingTerm() {
        addHosts(11);
        SpfVerdict verdict = checkVerdict("v=spf1 " + aTerms(11) + " -all", "192.0.2.1");
        assertThat(verdict.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(dns.queries()).noneMatch(q -> q.contains("h11.example.com"));
    }

    @Test
    void countsOnlyTheTermsEvaluated() {
        addHosts(11);
        assertThat(check("v=spf1 ip4:192.0.2.1 " + aTerms(11) + " -all", "192.0.2.1")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void countsLookupsInsideIncludesTowardTheLimit() {
        addHosts(10);
        dns.txt("inc.example.com", "v=spf1 " + aTerms(10) + " -all");
        // include itself is one term, so the tenth a: inside it is the eleventh.
        assertThat(check("v=spf1 include:inc.example.com -all", "192.0.2.1")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void allowsTwoVoidLookups() {
        assertThat(check("v=spf1 a:n1.example.com mx:n2.example.com -all", "192.0.2.1")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void givesPermerrorAtTheThirdVoidLookup() {
        SpfVerdict verdict = checkVerdict("v=spf1 a:n1.example.com exists:n2.example.com a:n3.example.com -all",
            "192.0.2.1");
        assertThat(verdict.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(verdict.reason()).contains("void");
    }

    @Test
    void countsNoDataAnswersAsVoid() {
        // amy and bob have A records only: MX queries for them answer no-data.
        assertThat(check("v=spf1 mx:amy.example.com mx:bob.example.com mx:mail-a.example.com -all", "192.0.2.1"))
            .isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void givesPermerrorForMoreThanTenMxRecords() {
        String[] hosts = IntStream.rangeClosed(1, 11).mapToObj(i -> "mx" + i + ".example.net").toArray(String[]::new);
        dns.add("example.net", RecordType.MX, hosts);
        assertThat(check("v=spf1 mx:example.net -all", "192.0.2.1")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void expandsMacrosInExists() {
        dns.a("10.2.0.192.in-addr.allow.example.com", "127.0.0.2");
        assertThat(check("v=spf1 exists:%{ir}.%{v}.allow.%{d} -all", "192.0.2.10")).isEqualTo(SpfResult.PASS);
        assertThat(check("v=spf1 exists:%{ir}.%{v}.allow.%{d} -all", "192.0.2.11")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void givesNoneWithoutSpfRecord() {
        dns.txt("example.com", "google-site-verification=abc");
        assertThat(checker.checkMailFrom(ip("192.0.2.10"), "h", "user@example.com").result())
            .isEqualTo(SpfResult.NONE);
        assertThat(checker.checkMailFrom(ip("192.0.2.10"), "h", "user@nowhere.example").result())
            .isEqualTo(SpfResult.NONE);
    }

    @Test
    void givesPermerrorForTwoSpfRecords() {
        dns.txt("example.com", "v=spf1 -all", "v=spf1 +all");
        assertThat(checker.checkMailFrom(ip("192.0.2.10"), "h", "user@example.com").result())
            .isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void givesPermerrorForASyntaxErrorEvenAfterAMatch() {
        assertThat(check("v=spf1 +all foo:bar", "192.0.2.10")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void givesTemperrorWhenTheRecordCannotBeFetched() {
        dns.failTemporarily("example.com");
        assertThat(checker.checkMailFrom(ip("192.0.2.10"), "h", "user@example.com").result())
            .isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void givesTemperrorWhenAMechanismLookupFails() {
        dns.failTemporarily("broken.example.com");
        assertThat(check("v=spf1 a:broken.example.com +all", "192.0.2.10")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void givesTemperrorWhenAnIncludedRecordCannotBeFetched() {
        dns.failTemporarily("broken.example.com");
        assertThat(check("v=spf1 include:broken.example.com +all", "192.0.2.10")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void skipsPtrNamesWhoseLookupFails() {
        dns.failTemporarily("example.com");
        SpfChecker ptrOnly = new SpfChecker(dns);
        dns.txt("example.net", "v=spf1 ptr:example.com -all");
        assertThat(ptrOnly.checkMailFrom(ip("192.0.2.10"), "h", "user@example.net").result())
            .isEqualTo(SpfResult.FAIL);
    }

    @Test
    void givesTemperrorWhenTheEvaluationTakesTooLong() {
        Clock slow = new Clock() {
            private Instant now = Instant.parse("2026-01-01T00:00:00Z");

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(7);
                return now;
            }
        };
        SpfChecker slowChecker = new SpfChecker(dns, SpfLimits.RFC_7208, slow);
        addHosts(5);
        dns.txt("example.com", "v=spf1 " + aTerms(5) + " -all");
        assertThat(slowChecker.checkMailFrom(ip("192.0.2.1"), "h", "user@example.com").result())
            .isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void checksTheHeloDomainForTheNullSender() {
        dns.txt("mx.example.org", "v=spf1 ip4:192.0.2.77 -all");
        SpfVerdict verdict = checker.checkMailFrom(ip("192.0.2.77"), "mx.example.org", "");
        assertThat(verdict.result()).isEqualTo(SpfResult.PASS);
        assertThat(verdict.identity()).isEqualTo("postmaster@mx.example.org");
        assertThat(verdict.domain()).isEqualTo("mx.example.org");
    }

    @Test
    void checksTheHeloIdentity() {
        dns.txt("mx.example.org", "v=spf1 ip4:192.0.2.77 -all");
        SpfVerdict verdict = checker.checkHelo(ip("192.0.2.78"), "mx.example.org");
        assertThat(verdict.result()).isEqualTo(SpfResult.FAIL);
        assertThat(verdict.scope()).isEqualTo(SpfScope.HELO);
        assertThat(verdict.identity()).isEqualTo("mx.example.org");
    }

    @Test
    void givesNoneForAnAddressLiteralHelo() {
        assertThat(checker.checkHelo(ip("192.0.2.78"), "[192.0.2.78]").result()).isEqualTo(SpfResult.NONE);
    }

    @Test
    void givesNoneForASingleLabelDomain() {
        assertThat(checker.checkHelo(ip("192.0.2.78"), "localhost").result()).isEqualTo(SpfResult.NONE);
    }

    @Test
    void honoursLowerConfiguredLimits() {
        SpfChecker strict = new SpfChecker(dns, new SpfLimits(2, 0, 10, 10, Duration.ofSeconds(20)),
            Clock.systemUTC());
        dns.txt("example.com", "v=spf1 a:n1.example.com -all");
        assertThat(strict.checkMailFrom(ip("192.0.2.1"), "h", "u@example.com").result())
            .isEqualTo(SpfResult.PERMERROR);
    }

    private SpfVerdict checkVerdict(String record, String ip) {
        dns.set("example.com", RecordType.TXT, record);
        return checker.checkMailFrom(ip(ip), "mx.example.org", "user@example.com");
    }

    private void addHosts(int count) {
        IntStream.rangeClosed(1, count).forEach(i -> dns.a("h" + i + ".example.com", "198.51.100." + i));
    }

    private static String aTerms(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "a:h" + i + ".example.com")
            .collect(Collectors.joining(" "));
    }
}
