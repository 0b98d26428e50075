/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthservIdClaimTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "mx.mailfort.test; spf=pass smtp.mailfrom=example.com",
        "MX.Mailfort.Test;spf=pass",
        "  mx.mailfort.test 1; none",
        "(forged) mx.mailfort.test; dkim=pass",
        "(nested (comment) here)\r\n\tmx.mailfort.test; none",
        "\"mx.mailfort.test\"; dmarc=pass",
        "mx.mailfort.test(comment); none",
    })
    void recognisesOurAuthservId(String value) {
        assertThat(AuthservIdClaim.claims(value, "mx.mailfort.test")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mx.example.net; spf=pass smtp.mailfrom=mx.mailfort.test",
        "mx.mailfort.test.evil.example; none",
        "mail.mailfort.test; none",
        "",
        "(unterminated mx.mailfort.test; none",
    })
    void leavesOtherAuthservIdsAlone(String value) {
        assertThat(AuthservIdClaim.claims(value, "mx.mailfort.test")).isFalse();
    }

    @Test
    void readsTheAuthservId() {
        assertThat(AuthservIdClaim.authservIdOf(" example.org 1; none")).isEqualTo("example.org");
        assertThat(AuthservIdClaim.authservIdOf("   ")).isNull();
    }
}
