/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.net.InetAddresses;

/** The examples of RFC 7208 §7.4, plus the syntax errors of §7.1. */
class SpfMacroExpanderTest {
    private static final MacroContext RFC_EXAMPLE = context("192.0.2.3");

    private static MacroContext context(String ip) {
        InetAddress address = InetAddresses.forString(ip);
        return new MacroContext("strong-bad@email.example.com", "email.example.com", address, "mx.example.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
        "%{h}|mx.example.org",
    })
    void expandsTheRfcExamples(String macro, String expected) throws SpfSyntaxException {
        assertThat(SpfMacroExpander.expand(macro, RFC_EXAMPLE, false)).isEqualTo(expected);
    }

    @Test
    void expandsAnIpv6ClientToNibbles() throws SpfSyntaxException {
        assertThat(SpfMacroExpander.expand("%{ir}.%{v}._spf.%{d2}", context("2001:db8::cb01"), false))
            .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void expandsTheEscapes() throws SpfSyntaxException {
        assertThat(SpfMacroExpander.expand("a%%b%_c%-d", RFC_EXAMPLE, false)).isEqualTo("a%b c%20d");
    }

    @Test
    void urlEscapesUpperCaseMacros() throws SpfSyntaxException {
        MacroContext context = new MacroContext("a b/c@example.com", "example.com",
            InetAddresses.forString("192.0.2.3"), "h");
        assertThat(SpfMacroExpander.expand("%{L}", context, false)).isEqualTo("a%20b%2Fc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{x}", "%{d0}", "%", "%{d", "%a", "%{c}", "%{r}", "%{t}", "%{d2q}", "%{}"})
    void refusesInvalidMacros(String macro) {
        assertThatThrownBy(() -> SpfMacroExpander.expand(macro, RFC_EXAMPLE, false))
            .isInstanceOf(SpfSyntaxException.class);
    }

    @Test
    void allowsTheExplanationOnlyMacrosInExplanations() throws SpfSyntaxException {
        assertThat(SpfMacroExpander.expand("%{c}", RFC_EXAMPLE, true)).isEqualTo("192.0.2.3");
    }

    @Test
    void truncatesLongDomainsFromTheLeft() {
        String label = "a".repeat(60);
        String longName = String.join(".", label, label, label, label, label, "example.com");
        String truncated = SpfMacroExpander.truncateDomain(longName);
        assertThat(truncated).hasSizeLessThanOrEqualTo(253).endsWith(".example.com")
            .isEqualTo(String.join(".", label, label, label, "example.com"));
    }
}
