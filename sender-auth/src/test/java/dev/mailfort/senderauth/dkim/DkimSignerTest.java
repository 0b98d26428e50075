/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.dns.FakeDns;

class DkimSignerTest {
    private static final String MESSAGE = "From: Alice <alice@example.com>\r\n"
        + "To: bob@example.net\r\n"
        + "Subject: quarterly figures\r\n"
        + "Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <1@example.com>\r\n"
        + "\r\n"
        + "Hello Bob,\r\n"
        + "the figures are attached.\r\n";

    private static KeyPair rsa;
    private static KeyPair ed25519;
    private static FakeDns dns;

    @BeforeAll
    static void makeKeys() {
        rsa = DkimKeyAlgorithm.RSA.generate();
        ed25519 = DkimKeyAlgorithm.ED25519.generate();
        dns = new FakeDns()
            .txt("rsa1._domainkey.example.com", DkimPublicKeyRecord.of(rsa.getPublic()))
            .txt("ed1._domainkey.example.com", DkimPublicKeyRecord.of(ed25519.getPublic()));
    }

    @Test
    void rsaSignatureIsAcceptedByOurVerifier() throws Exception {
        String signed = sign(new DkimSigningKey("example.com", "rsa1", rsa.getPrivate()), MESSAGE);

        assertThat(verify(signed)).singleElement().satisfies(verdict -> {
            assertThat(verdict.result()).isEqualTo(DkimResult.PASS);
            assertThat(verdict.algorithm()).isEqualTo("rsa-sha256");
            assertThat(verdict.domain()).isEqualTo("example.com");
        });
    }

    @Test
    void ed25519SignatureIsAcceptedByOurVerifier() throws Exception {
        String signed = sign(new DkimSigningKey("example.com", "ed1", ed25519.getPrivate()), MESSAGE);

        assertThat(verify(signed)).singleElement().satisfies(verdict -> {
            assertThat(verdict.result()).isEqualTo(DkimResult.PASS);
            assertThat(verdict.algorithm()).isEqualTo("ed25519-sha256");
        });
    }

    @Test
    void bothSignaturesOfADoublySignedMessagePass() throws Exception {
        String once = sign(new DkimSigningKey("example.com", "rsa1", rsa.getPrivate()), MESSAGE);
        String twice = sign(new DkimSigningKey("example.com", "ed1", ed25519.getPrivate()), once);

        assertThat(verify(twice)).extracting(DkimSignatureVerdict::result)
            .containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    @Test
    void signatureFieldIsFoldedIntoShortLines() throws Exception {
        String field = new DkimSigner(new DkimSigningKey("example.com", "ed1", ed25519.getPrivate()))
            .signatureField(MESSAGE.getBytes(StandardCharsets.UTF_8));

        assertThat(field).startsWith("DKIM-Signature:").contains("\r\n\t");
        assertThat(field.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
    }

    @Test
    void signatureStopsPassingWhenTheSubjectIsChanged() throws Exception {
        String signed = sign(new DkimSigningKey("example.com", "rsa1", rsa.getPrivate()), MESSAGE);

        assertThat(verify(signed.replace("quarterly figures", "[EXTERNAL] quarterly figures")))
            .singleElement().extracting(DkimSignatureVerdict::result).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void aSecondFromFieldAddedAfterSigningBreaksTheSignature() throws Exception {
        String signed = sign(new DkimSigningKey("example.com", "rsa1", rsa.getPrivate()), MESSAGE);

        assertThat(verify("From: ceo@example.com\r\n" + signed))
            .singleElement().extracting(DkimSignatureVerdict::result).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void privateKeysSurviveAPemRoundTrip() {
        String pem = PemPrivateKeys.encode(ed25519.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PemPrivateKeys.decode(pem, DkimKeyAlgorithm.ED25519).getEncoded())
            .isEqualTo(ed25519.getPrivate().getEncoded());
    }

    @Test
    void aPemOfTheWrongAlgorithmIsRefused() {
        String pem = PemPrivateKeys.encode(ed25519.getPrivate());

        assertThatThrownBy(() -> PemPrivateKeys.decode(pem, DkimKeyAlgorithm.RSA))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rsa");
    }

    @Test
    void longRsaRecordIsCutIntoCharacterStringsOfAtMost255() {
        String line = DkimPublicKeyRecord.zoneFileLine("rsa1._domainkey.example.com", rsa.getPublic());

        assertThat(line).startsWith("rsa1._domainkey.example.com. IN TXT ( \"v=DKIM1; k=rsa; p=");
        List<String> strings = List.of(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).trim().split("\" \""));
        assertThat(strings).hasSizeGreaterThan(1)
            .allSatisfy(string -> assertThat(string.replace("\"", "").length()).isLessThanOrEqualTo(255));
    }

    @Test
    void selectorWithCharactersOutsideDnsLabelsIsRefused() {
        assertThatThrownBy(() -> new DkimSigningKey("example.com", "sel; h=to", ed25519.getPrivate()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static String sign(DkimSigningKey key, String message) throws Exception {
        return new DkimSigner(key).signatureField(message.getBytes(StandardCharsets.UTF_8)) + "\r\n" + message;
    }

    private static List<DkimSignatureVerdict> verify(String message) throws Exception {
        return new DkimChecker(dns).verify(message.getBytes(StandardCharsets.UTF_8));
    }
}
