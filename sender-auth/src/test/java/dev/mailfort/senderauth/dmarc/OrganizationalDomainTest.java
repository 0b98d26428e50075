/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationalDomainTest {

    @ParameterizedTest
    @CsvSource({
        "example.com,example.com",
        "mail.example.com,example.com",
        "a.b.c.example.com,example.com",
        "Mail.Example.COM.,example.com",
        "news.bbc.co.uk,bbc.co.uk",
        "co.uk,co.uk",
        "www.foo.kawasaki.jp,www.foo.kawasaki.jp",
        "www.city.kawasaki.jp,city.kawasaki.jp",
        "user.github.io,user.github.io",
        "localhost,localhost",
        "login.bank.test,bank.test",
        "a.b.corp.internal,corp.internal",
        "bank.test,bank.test",
    })
    void takesThePublicSuffixPlusOneLabel(String domain, String organizational) {
        assertThat(OrganizationalDomain.of(domain)).isEqualTo(organizational);
    }

    @Test
    void alignsSubdomainsWhenRelaxed() {
        assertThat(OrganizationalDomain.aligned("mail.example.com", "example.com", AlignmentMode.RELAXED)).isTrue();
        assertThat(OrganizationalDomain.aligned("example.com", "news.example.com", AlignmentMode.RELAXED)).isTrue();
    }

    @Test
    void alignsOnlyTheSameDomainWhenStrict() {
        assertThat(OrganizationalDomain.aligned("mail.example.com", "example.com", AlignmentMode.STRICT)).isFalse();
        assertThat(OrganizationalDomain.aligned("Example.com", "example.com.", AlignmentMode.STRICT)).isTrue();
    }

    @Test
    void neverAlignsDifferentOrganizations() {
        assertThat(OrganizationalDomain.aligned("example.net", "example.com", AlignmentMode.RELAXED)).isFalse();
        assertThat(OrganizationalDomain.aligned("evil.github.io", "user.github.io", AlignmentMode.RELAXED)).isFalse();
        assertThat(OrganizationalDomain.aligned("example.co.uk", "other.co.uk", AlignmentMode.RELAXED)).isFalse();
        assertThat(OrganizationalDomain.aligned("", "example.com", AlignmentMode.RELAXED)).isFalse();
    }
}
