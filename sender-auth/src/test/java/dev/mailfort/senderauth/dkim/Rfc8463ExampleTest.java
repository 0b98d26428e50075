/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.dns.FakeDns;
import dev.mailfort.senderauth.dns.RecordType;

/**
 * The signed message of RFC 8463 Appendix A.3, with the keys of A.2: one Ed25519 and one (1024-bit) RSA signature
 * of football.example.com, checked byte for byte as published.
 */
class Rfc8463ExampleTest {
    static final String SIGNED = String.join("\r\n",
        "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
        " d=football.example.com; i=@football.example.com;",
        " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
        " subject : date : message-id : from : subject : date;",
        " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
        " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
        " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
        " d=football.example.com; i=@football.example.com;",
        " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
        " date : message-id : from : subject : date;",
        " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
        " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
        " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
        " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
        "From: Joe SixPack <joe@football.example.com>",
        "To: Suzie Q <suzie@shopping.example.net>",
        "Subject: Is dinner ready?",
        "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
        "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
        "",
        "Hi.",
        "",
        "We lost the game.  Are you hungry yet?",
        "",
        "Joe.",
        "",
        "");
    private static final String ED25519_KEY = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private static final String RSA_KEY = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
        + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
        + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
        + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    private FakeDns dns;

    @BeforeEach
    void publishTheRfcKeys() {
        dns = new FakeDns()
            .txt("brisbane._domainkey.football.example.com", ED25519_KEY)
            .txt("test._domainkey.football.example.com", RSA_KEY);
    }

    private List<DkimSignatureVerdict> verify(String message) throws Exception {
        return new DkimChecker(dns).verify(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesBothSignaturesOfTheRfcExample() throws Exception {
        List<DkimSignatureVerdict> verdicts = verify(SIGNED);
        assertThat(verdicts).extracting(DkimSignatureVerdict::selector).containsExactly("brisbane", "test");
        assertThat(verdicts).extracting(DkimSignatureVerdict::domain)
            .containsOnly("football.example.com");
        assertThat(verdicts).extracting(DkimSignatureVerdict::result)
            .containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    @Test
    void failsBothSignaturesWhenTheBodyChanged() throws Exception {
        assertThat(verify(SIGNED.replace("hungry", "angry"))).extracting(DkimSignatureVerdict::result)
            .containsExactly(DkimResult.FAIL, DkimResult.FAIL);
    }

    @Test
    void failsBothSignaturesWhenASignedHeaderChanged() throws Exception {
        assertThat(verify(SIGNED.replace("dinner", "lunch"))).extracting(DkimSignatureVerdict::result)
            .containsExactly(DkimResult.FAIL, DkimResult.FAIL);
    }

    @Test
    void failsBothSignaturesWhenAFromIsAddedAboveTheSignedOne() throws Exception {
        // h= names From twice: a second From is covered by the signature, so adding one breaks it.
        String doubled = SIGNED.replace("From: Joe", "From: Mallory <m@evil.example>\r\nFrom: Joe");
        assertThat(verify(doubled)).extracting(DkimSignatureVerdict::result)
            .containsExactly(DkimResult.FAIL, DkimResult.FAIL);
    }

    @Test
    void passesWhenAnUnsignedHeaderIsAdded() throws Exception {
        assertThat(verify(SIGNED.replace("Message-ID:", "X-Mailer: any\r\nMessage-ID:")))
            .extracting(DkimSignatureVerdict::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    @Test
    void givesPermerrorForAnEd25519SignatureWithAnRsaKey() throws Exception {
        dns.set("brisbane._domainkey.football.example.com", RecordType.TXT, RSA_KEY);
        assertThat(verify(SIGNED).get(0).result()).isEqualTo(DkimResult.PERMERROR);
    }

    @Test
    void givesPermerrorForAnEd25519KeyOfTheWrongLength() throws Exception {
        dns.set("brisbane._domainkey.football.example.com", RecordType.TXT,
            "v=DKIM1; k=ed25519; p=AAAA");
        assertThat(verify(SIGNED).get(0)).satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(v.reason()).contains("32");
        });
    }
}
