/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFromExtractorTest {

    private static HeaderFrom extract(String headers) {
        return HeaderFromExtractor.extract((headers + "\r\n\r\nbody\r\nFrom: not@a.header\r\n")
            .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsASingleAddress() {
        HeaderFrom from = extract("Subject: hi\r\nFrom: \"Alice, CFO\" <Alice@Mail.Example.COM>");
        assertThat(from.isUsable()).isTrue();
        assertThat(from.address()).isEqualTo("Alice@Mail.Example.COM");
        assertThat(from.domain()).isEqualTo("mail.example.com");
    }

    @Test
    void readsAFoldedField() {
        assertThat(extract("From: Alice\r\n <alice@example.com>").domain()).isEqualTo("example.com");
    }

    @Test
    void readsBareLineFeeds() {
        HeaderFrom from = HeaderFromExtractor.extract("From: alice@example.com\nTo: b@example.net\n\nbody\n"
            .getBytes(StandardCharsets.UTF_8));
        assertThat(from.domain()).isEqualTo("example.com");
    }

    @Test
    void readsASloppyDisplayName() {
        HeaderFrom from = extract("From: Alice [Sales] <alice@example.com>");
        assertThat(from.isUsable()).isTrue();
        assertThat(from.domain()).isEqualTo("example.com");
    }

    @Test
    void convertsAnInternationalizedDomainToALabels() {
        assertThat(extract("From: jörg@bücher.example").domain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void reportsAMissingFrom() {
        assertThat(extract("Subject: hi").status()).isEqualTo(HeaderFrom.Status.MISSING);
    }

    @Test
    void reportsSeveralFromFields() {
        HeaderFrom from = extract("From: a@example.com\r\nFROM: b@example.org");
        assertThat(from.status()).isEqualTo(HeaderFrom.Status.SEVERAL_FIELDS);
        assertThat(from.isUsable()).isFalse();
    }

    @Test
    void reportsSeveralAddressesInOneField() {
        assertThat(extract("From: a@example.com, b@example.org").status())
            .isEqualTo(HeaderFrom.Status.SEVERAL_ADDRESSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"From: Alice", "From:", "From: undisclosed-senders:;", "From: alice@[192.0.2.1]"})
    void reportsAFromWithoutUsableDomain(String field) {
        assertThat(extract(field).status()).isEqualTo(HeaderFrom.Status.UNREADABLE);
    }

    @Test
    void aUsableFromAlwaysHasAnAddressAndADomain() {
        // Found by SenderAuthParsersFuzzTest (its input crash-2923d629...): control characters in the domain, which
        // IDN.toASCII drops, gave a "usable" From with a blank part, so DMARC had no policy to apply.
        byte[] message = java.util.Base64.getDecoder().decode("UmVmcm9tIHgNCkZyb206ICJDkJrdIEpuIiA8aiNAAQAAD25lcHkNCg==");
        HeaderFrom from = HeaderFromExtractor.extract(message);

        assertThat(from.isUsable() && (from.address().isBlank() || from.domain().isBlank()))
            .as("usable with a blank part: %s", from).isFalse();
    }

    @Test
    void anIdnDomainStaysUsable() {
        assertThat(extract("From: <a@xn--bcher-kva.example>").domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(extract("From: <a@b\u00fccher.example>").domain()).isEqualTo("xn--bcher-kva.example");
    }
}
