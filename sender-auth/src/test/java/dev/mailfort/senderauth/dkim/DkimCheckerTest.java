/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.dns.FakeDns;

class DkimCheckerTest {
    private static final String MESSAGE = "From: Alice <alice@example.com>\r\n"
        + "To: bob@example.net\r\n"
        + "Subject: quarterly figures\r\n"
        + "Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <1@example.com>\r\n"
        + "\r\n"
        + "Hello Bob,\r\n"
        + "the figures are attached.\r\n";

    private static TestSigner signer;
    private static TestSigner otherSigner;
    private FakeDns dns;
    private DkimChecker checker;

    @BeforeAll
    static void makeKeys() {
        signer = TestSigner.rsa(2048);
        otherSigner = TestSigner.rsa(2048);
    }

    @BeforeEach
    void setUp() {
        dns = new FakeDns().txt("sel1._domainkey.example.com", signer.keyRecord());
        checker = new DkimChecker(dns);
    }

    private List<DkimSignatureVerdict> verify(String message) throws Exception {
        return checker.verify(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passesAnIntactSignedMessage() throws Exception {
        List<DkimSignatureVerdict> verdicts = verify(signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha256"));
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.PASS);
            assertThat(v.domain()).isEqualTo("example.com");
            assertThat(v.selector()).isEqualTo("sel1");
            assertThat(v.algorithm()).isEqualTo("rsa-sha256");
        });
        assertThat(dns.queries()).containsExactly("TXT sel1._domainkey.example.com");
    }

    @Test
    void passesAMessageWithBareLineFeeds() throws Exception {
        String signed = signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha256");
        assertThat(verify(signed.replace("\r\n", "\n"))).singleElement()
            .extracting(DkimSignatureVerdict::result).isEqualTo(DkimResult.PASS);
    }

    @Test
    void failsATamperedBody() throws Exception {
        String signed = signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha256");
        List<DkimSignatureVerdict> verdicts = verify(signed.replace("attached", "in the cloud"));
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.FAIL);
            assertThat(v.reason()).containsIgnoringCase("body");
        });
    }

    @Test
    void failsATamperedSignedHeader() throws Exception {
        String signed = signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha256");
        assertThat(verify(signed.replace("quarterly figures", "urgent wire transfer"))).singleElement()
            .extracting(DkimSignatureVerdict::result).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void failsASignatureMadeWithAnotherKey() throws Exception {
        String signed = otherSigner.sign(MESSAGE, "example.com", "sel1", "rsa-sha256");
        assertThat(verify(signed)).singleElement().extracting(DkimSignatureVerdict::result)
            .isEqualTo(DkimResult.FAIL);
    }

    @Test
    void givesPermerrorWhenTheKeyIsMissing() throws Exception {
        String signed = signer.sign(MESSAGE, "example.com", "gone", "rsa-sha256");
        assertThat(verify(signed)).singleElement().extracting(DkimSignatureVerdict::result)
            .isEqualTo(DkimResult.PERMERROR);
    }

    @Test
    void givesPermerrorWhenTheKeyIsRevoked() throws Exception {
        dns.txt("old._domainkey.example.com", "v=DKIM1; k=rsa; p=");
        String signed = signer.sign(MESSAGE, "example.com", "old", "rsa-sha256");
        assertThat(verify(signed)).singleElement().extracting(DkimSignatureVerdict::result)
            .isEqualTo(DkimResult.PERMERROR);
    }

    @Test
    void givesTemperrorWhenTheKeyCannotBeFetched() throws Exception {
        dns.failTemporarily("sel2._domainkey.example.com");
        String signed = signer.sign(MESSAGE, "example.com", "sel2", "rsa-sha256");
        assertThat(verify(signed)).singleElement().extracting(DkimSignatureVerdict::result)
            .isEqualTo(DkimResult.TEMPERROR);
    }

    @Test
    void refusesRsaSha1() throws Exception {
        String signed = signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha1");
        assertThat(verify(signed)).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(v.reason()).contains("RFC 8301");
        });
    }

    @Test
    void refusesRsaKeysUnderTheMinimumSize() throws Exception {
        TestSigner weak = TestSigner.rsa(512);
        dns.txt("weak._domainkey.example.com", weak.keyRecord());
        String signed = weak.sign(MESSAGE, "example.com", "weak", "rsa-sha256");
        assertThat(verify(signed)).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(v.reason()).contains("512 bits");
        });
    }

    @Test
    void passesAnEd25519SignatureMadeWithAFreshKey() throws Exception {
        TestSigner ed = TestSigner.ed25519();
        dns.txt("ed._domainkey.example.com", ed.keyRecord());
        String signed = ed.sign(MESSAGE, "example.com", "ed", "ed25519-sha256");
        assertThat(verify(signed)).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.PASS);
            assertThat(v.algorithm()).isEqualTo("ed25519-sha256");
        });
    }

    @Test
    void failsAnEd25519SignatureOverATamperedBody() throws Exception {
        TestSigner ed = TestSigner.ed25519();
        dns.txt("ed._domainkey.example.com", ed.keyRecord());
        String signed = ed.sign(MESSAGE, "example.com", "ed", "ed25519-sha256");
        assertThat(verify(signed.replace("attached", "in the cloud"))).singleElement()
            .extracting(DkimSignatureVerdict::result).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void failsAnEd25519SignatureMadeWithAnotherKey() throws Exception {
        TestSigner ed = TestSigner.ed25519();
        dns.txt("ed._domainkey.example.com", TestSigner.ed25519().keyRecord());
        String signed = ed.sign(MESSAGE, "example.com", "ed", "ed25519-sha256");
        assertThat(verify(signed)).singleElement().extracting(DkimSignatureVerdict::result)
            .isEqualTo(DkimResult.FAIL);
    }

    @Test
    void reportsAnUnknownAlgorithmAsNeutral() throws Exception {
        String signed = "DKIM-Signature: v=1; a=dsa-sha256; c=relaxed/relaxed; d=example.com; s=x;\r\n"
            + " h=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n" + MESSAGE;
        assertThat(verify(signed)).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.NEUTRAL);
            assertThat(v.domain()).isEqualTo("example.com");
            assertThat(v.reason()).contains("dsa-sha256");
        });
    }

    @Test
    void anUnsignedMessageGivesNoVerdict() throws Exception {
        assertThat(verify(MESSAGE)).isEmpty();
    }

    @Test
    void aHeaderTheParserCannotReadIsRefusedWhetherOrNotTheMessageIsSigned() {
        String signature = "DKIM-Signature: v=1; d=example.com; s=sel1\r\n";
        String overlongLine = "X-Long: " + "a".repeat(31000) + "\r\n";
        String tooManyFields = "X-A: b\r\n".repeat(1100);
        for (String header : List.of(overlongLine, tooManyFields)) {
            assertThatThrownBy(() -> verify(header + MESSAGE)).isInstanceOf(java.io.IOException.class);
            assertThatThrownBy(() -> verify(signature + header + MESSAGE)).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void reportsAnUnparseableSignatureAsNeutralWithWhatCanBeRead() throws Exception {
        String signed = "DKIM-Signature: v=1; d=Example.COM; s=sel1; garbage\r\n" + MESSAGE;
        assertThat(verify(signed)).singleElement().satisfies(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.NEUTRAL);
            assertThat(v.domain()).isEqualTo("example.com");
            assertThat(v.selector()).isEqualTo("sel1");
        });
    }

    @Test
    void reportsASignatureThatDoesNotCoverFromAsNeutral() throws Exception {
        String signed = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel1; h=subject;"
            + " bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n" + MESSAGE;
        assertThat(verify(signed)).singleElement().extracting(DkimSignatureVerdict::result)
            .isEqualTo(DkimResult.NEUTRAL);
    }

    @Test
    void givesEachSignatureItsOwnVerdict() throws Exception {
        dns.txt("sel1._domainkey.example.org", otherSigner.keyRecord());
        String once = signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha256");
        String twice = signer.sign(once, "example.org", "sel1", "rsa-sha256");
        String thrice = signer.sign(twice, "example.net", "nokey", "rsa-sha256");
        List<DkimSignatureVerdict> verdicts = verify(thrice);
        assertThat(verdicts).extracting(DkimSignatureVerdict::domain)
            .containsExactly("example.net", "example.org", "example.com");
        assertThat(verdicts).extracting(DkimSignatureVerdict::result)
            .containsExactly(DkimResult.PERMERROR, DkimResult.FAIL, DkimResult.PASS);
    }

    @Test
    void givesNoVerdictForAnUnsignedMessage() throws Exception {
        assertThat(verify(MESSAGE)).isEmpty();
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void looksAtNoMoreThanTheConfiguredNumberOfSignatures() throws Exception {
        DkimChecker limited = new DkimChecker(dns, 1, 1024);
        String twice = signer.sign(signer.sign(MESSAGE, "example.com", "sel1", "rsa-sha256"), "example.com", "sel1",
            "rsa-sha256");
        assertThat(limited.verify(twice.getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }
}
