/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpfRecordParserTest {
    private final SpfRecordParser parser = new SpfRecordParser();

    @Test
    void readsQualifiersMechanismsAndModifiers() throws SpfSyntaxException {
        SpfRecord record = parser.parse("v=spf1 +a mx/30 -ptr:example.org ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 "
            + "include:_spf.example.com exists:%{ir}.bl.example.net a:example.com/24//64 -all "
            + "redirect=_spf.example.net exp=explain.example.com");

        assertThat(record.directives()).extracting(SpfDirective::mechanism).containsExactly(
            SpfMechanism.A, SpfMechanism.MX, SpfMechanism.PTR, SpfMechanism.IP4, SpfMechanism.IP6,
            SpfMechanism.INCLUDE, SpfMechanism.EXISTS, SpfMechanism.A, SpfMechanism.ALL);
        assertThat(record.directives()).extracting(SpfDirective::qualifier).containsExactly(
            SpfResult.PASS, SpfResult.PASS, SpfResult.FAIL, SpfResult.SOFTFAIL, SpfResult.NEUTRAL,
            SpfResult.PASS, SpfResult.PASS, SpfResult.PASS, SpfResult.FAIL);
        assertThat(record.directives().get(1).ip4Prefix()).isEqualTo(30);
        assertThat(record.directives().get(7).domainSpec()).isEqualTo("example.com");
        assertThat(record.directives().get(7).ip4Prefix()).isEqualTo(24);
        assertThat(record.directives().get(7).ip6Prefix()).isEqualTo(64);
        assertThat(record.redirect()).contains("_spf.example.net");
        assertThat(record.explanation()).contains("explain.example.com");
    }

    @Test
    void acceptsTheBareVersionAndExtraSpaces() throws SpfSyntaxException {
        assertThat(parser.parse("v=spf1").directives()).isEmpty();
        assertThat(parser.parse("V=SPF1   -ALL  ").directives()).hasSize(1);
    }

    @Test
    void ignoresUnknownModifiers() throws SpfSyntaxException {
        assertThat(parser.parse("v=spf1 foo=bar.%{d} -all").directives()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 foo:bar -all",
        "v=spf1 -all redirect=a.example.com redirect=b.example.com",
        "v=spf1 exp=a.example.com exp=b.example.com",
        "v=spf1 ip4:192.0.2.0/33",
        "v=spf1 ip4:192.0.2.256",
        "v=spf1 ip4:192.0.2",
        "v=spf1 ip6:2001:db8::/129",
        "v=spf1 ip6:192.0.2.1",
        "v=spf1 a/33",
        "v=spf1 a:example.com//129",
        "v=spf1 all:example.com",
        "v=spf1 include",
        "v=spf1 include:",
        "v=spf1 exists:%{z}.example.com",
        "v=spf1 a:foo.1",
        "v=spf1 include:localhost",
        "v=spf1 -all foo:bar",
    })
    void refusesSyntaxErrors(String record) {
        assertThatThrownBy(() -> parser.parse(record)).isInstanceOf(SpfSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1", "v=spf1 -all", "V=Spf1 a"})
    void recognisesSpfRecords(String txt) {
        assertThat(SpfRecordParser.isSpfRecord(txt)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf10", "v=spf1-all", "spf1 -all", "v=DKIM1; p=abc"})
    void tellsOtherTxtRecordsApart(String txt) {
        assertThat(SpfRecordParser.isSpfRecord(txt)).isFalse();
    }
}
