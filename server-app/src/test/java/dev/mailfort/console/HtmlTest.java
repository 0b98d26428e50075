/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void aScriptTagBecomesText() {
        assertThat(Html.text("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void quotesCannotCloseAnAttribute() {
        assertThat(Html.text("\" onmouseover='x'")).isEqualTo("&quot; onmouseover=&#39;x&#39;");
    }

    @Test
    void ampersandsAreEscapedFirstSoEntitiesShowLiterally() {
        assertThat(Html.text("&lt; & &amp;")).isEqualTo("&amp;lt; &amp; &amp;amp;");
    }

    @Test
    void nullIsTheEmptyString() {
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void ordinaryAndNonAsciiTextIsUnchanged() {
        assertThat(Html.text("Facture n° 12 — été")).isEqualTo("Facture n° 12 — été");
    }

    @Test
    void nulIsReplaced() {
        assertThat(Html.text("a\u0000b")).isEqualTo("a\uFFFDb");
    }

    @Test
    void queryValuesArePercentEncodedThenEscaped() {
        assertThat(Html.queryValue("a&b=<c> d")).isEqualTo("a%26b%3D%3Cc%3E+d");
    }
}
