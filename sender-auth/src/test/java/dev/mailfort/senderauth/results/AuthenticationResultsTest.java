/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dmarc.DmarcPolicy;
import dev.mailfort.senderauth.dmarc.DmarcResult;
import dev.mailfort.senderauth.dmarc.DmarcVerdict;
import dev.mailfort.senderauth.spf.SpfResult;
import dev.mailfort.senderauth.spf.SpfScope;
import dev.mailfort.senderauth.spf.SpfVerdict;

class AuthenticationResultsTest {
    private static final SpfVerdict SPF_PASS =
        new SpfVerdict(SpfResult.PASS, SpfScope.MAIL_FROM, "bounce@example.com", "example.com", "matched ip4");

    @Test
    void writesEveryMethodWithItsProperties() {
        String value = AuthenticationResults.forAuthservId("mx.mailfort.test")
            .spf(SPF_PASS)
            .dkim(List.of(new DkimSignatureVerdict(DkimResult.PASS, "example.com", "s1", "rsa-sha256", "ok"),
                new DkimSignatureVerdict(DkimResult.FAIL, "example.org", "s2", "rsa-sha256", "body hash")))
            .dmarc(new DmarcVerdict(DmarcResult.PASS, "example.com", "example.com", DmarcPolicy.REJECT,
                DmarcPolicy.NONE, false, "aligned"))
            .value();
        assertThat(value).isEqualTo("mx.mailfort.test; spf=pass (matched ip4) smtp.mailfrom=bounce@example.com; "
            + "dkim=pass (ok) header.d=example.com header.s=s1; "
            + "dkim=fail (body hash) header.d=example.org header.s=s2; "
            + "dmarc=pass (p=reject dis=none; aligned) header.from=example.com");
    }

    @Test
    void writesDkimNoneForAnUnsignedMessage() {
        assertThat(AuthenticationResults.forAuthservId("mx.mailfort.test").dkim(List.of()).value())
            .isEqualTo("mx.mailfort.test; dkim=none");
    }

    @Test
    void writesNoneWithoutResults() {
        assertThat(AuthenticationResults.forAuthservId("mx.mailfort.test").value()).isEqualTo("mx.mailfort.test; none");
    }

    @Test
    void writesTheHeloIdentity() {
        SpfVerdict helo = new SpfVerdict(SpfResult.NONE, SpfScope.HELO, "mail.example.org", "mail.example.org", "");
        assertThat(AuthenticationResults.forAuthservId("mx").spf(helo).value())
            .isEqualTo("mx; spf=none (none) smtp.helo=mail.example.org");
    }

    @Test
    void foldsBeforeEachResult() {
        String folded = AuthenticationResults.forAuthservId("mx").spf(SPF_PASS).dkim(List.of()).foldedValue();
        assertThat(folded).isEqualTo("mx;\r\n\tspf=pass (matched ip4) smtp.mailfrom=bounce@example.com;\r\n\tdkim=none");
    }

    @Test
    void neutralisesHostileTextFromDnsAndMessages() {
        SpfVerdict hostile = new SpfVerdict(SpfResult.FAIL, SpfScope.MAIL_FROM, "\"odd user\"@example.com",
            "example.com", "record said (hi)\r\nX-Injected: yes");
        String value = AuthenticationResults.forAuthservId("mx").spf(hostile).value();
        assertThat(value).doesNotContain("\r").doesNotContain("\n")
            .contains("(record said \\(hi\\)  X-Injected: yes)")
            .contains("smtp.mailfrom=\"\\\"odd user\\\"@example.com\"");
    }

    @Test
    void refusesAnAuthservIdThatCannotBeWritten() {
        assertThatThrownBy(() -> AuthenticationResults.forAuthservId("mx; spf=pass"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
