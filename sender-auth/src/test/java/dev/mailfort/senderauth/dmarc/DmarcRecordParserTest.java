/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmarcRecordParserTest {
    private final DmarcRecordParser parser = new DmarcRecordParser();

    @Test
    void readsTheRfcMonitoringExample() throws DmarcSyntaxException {
        DmarcRecord record = parser.parse("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com");
        assertThat(record.policy()).isEqualTo(DmarcPolicy.NONE);
        assertThat(record.subdomainPolicy()).isEmpty();
        assertThat(record.percent()).isEqualTo(100);
        assertThat(record.dkimAlignment()).isEqualTo(AlignmentMode.RELAXED);
        assertThat(record.spfAlignment()).isEqualTo(AlignmentMode.RELAXED);
    }

    @Test
    void readsTheRfcPartialQuarantineExample() throws DmarcSyntaxException {
        DmarcRecord record = parser.parse("v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,"
            + "mailto:tld-test@thirdparty.example.net!10m; pct=25");
        assertThat(record.policy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(record.percent()).isEqualTo(25);
    }

    @Test
    void readsEveryTagThatMatters() throws DmarcSyntaxException {
        DmarcRecord record = parser.parse("v=DMARC1;p=reject;sp=quarantine;pct=0;adkim=s;aspf=s;fo=1");
        assertThat(record.policy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(record.subdomainPolicy()).contains(DmarcPolicy.QUARANTINE);
        assertThat(record.policyForSubdomains()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(record.percent()).isZero();
        assertThat(record.dkimAlignment()).isEqualTo(AlignmentMode.STRICT);
        assertThat(record.spfAlignment()).isEqualTo(AlignmentMode.STRICT);
    }

    @Test
    void toleratesSpacesAndCase() throws DmarcSyntaxException {
        DmarcRecord record = parser.parse("v = DMARC1 ; p = Reject ; ADKIM = S ;");
        assertThat(record.policy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(record.dkimAlignment()).isEqualTo(AlignmentMode.STRICT);
    }

    @Test
    void givesSubdomainsThePolicyWhenSpIsAbsent() throws DmarcSyntaxException {
        assertThat(parser.parse("v=DMARC1; p=reject").policyForSubdomains()).isEqualTo(DmarcPolicy.REJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pct=150", "pct=abc", "pct=-1", "pct="})
    void fallsBackToAHundredPercentForAnInvalidPct(String pct) throws DmarcSyntaxException {
        assertThat(parser.parse("v=DMARC1; p=reject; " + pct).percent()).isEqualTo(100);
    }

    @Test
    void fallsBackToRelaxedForAnInvalidAlignment() throws DmarcSyntaxException {
        DmarcRecord record = parser.parse("v=DMARC1; p=reject; adkim=x; aspf=strict");
        assertThat(record.dkimAlignment()).isEqualTo(AlignmentMode.RELAXED);
        assertThat(record.spfAlignment()).isEqualTo(AlignmentMode.RELAXED);
    }

    @Test
    void ignoresUnknownTags() throws DmarcSyntaxException {
        assertThat(parser.parse("v=DMARC1; p=reject; future=yes").policy()).isEqualTo(DmarcPolicy.REJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1", "v=DMARC1; p=block", "v=DMARC1; sp=reject", "v=DMARC1; p=reject; sp=maybe"})
    void refusesARecordWithoutValidPolicyOrReportAddress(String txt) {
        assertThatThrownBy(() -> parser.parse(txt)).isInstanceOf(DmarcSyntaxException.class);
    }

    @Test
    void treatsAnInvalidPolicyAsNoneWhenAReportAddressExists() throws DmarcSyntaxException {
        DmarcRecord record = parser.parse("v=DMARC1; p=block; rua=mailto:d@example.com");
        assertThat(record.policy()).isEqualTo(DmarcPolicy.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1; p=none", "v=DMARC1", "v=DMARC1;p=reject"})
    void recognisesDmarcRecords(String txt) {
        assertThat(DmarcRecordParser.isDmarcRecord(txt)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=dmarc1; p=none", "v=DMARC2; p=none", "p=none; v=DMARC1", "v=spf1 -all", "v=DMARC10"})
    void tellsOtherRecordsApart(String txt) {
        assertThat(DmarcRecordParser.isDmarcRecord(txt)).isFalse();
    }
}
