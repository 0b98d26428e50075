/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dkim.DkimKeyAlgorithm;
import dev.mailfort.senderauth.dkim.DkimPublicKeyRecord;
import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dkim.PemPrivateKeys;
import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;

class SignWithDkimTest {
    private static final String HEADERS = "From: Alice <alice@example.com>\nTo: erin@partner.example\n"
        + "Subject: Figures\nDate: Thu, 26 Nov 2026 10:00:00 +0000\nMessage-ID: <1@example.com>\n"
        + "Content-Type: text/plain; charset=utf-8";

    @TempDir
    static Path keys;
    private static Map<String, String> zone;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPair rsa = DkimKeyAlgorithm.RSA.generate();
        KeyPair ed25519 = DkimKeyAlgorithm.ED25519.generate();
        Files.createDirectories(keys.resolve("example.com"));
        Files.writeString(keys.resolve("example.com/s1.rsa.pem"), PemPrivateKeys.encode(rsa.getPrivate()));
        Files.writeString(keys.resolve("example.com/s2.ed25519.pem"), PemPrivateKeys.encode(ed25519.getPrivate()));
        Files.writeString(keys.resolve("example.com/README"), "not a key");
        zone = Map.of("s1._domainkey.example.com", DkimPublicKeyRecord.of(rsa.getPublic()),
            "s2._domainkey.example.com", DkimPublicKeyRecord.of(ed25519.getPublic()));
    }

    @Test
    void mailFromADomainWithKeysGetsRsaAndEd25519SignaturesThatVerify() throws Exception {
        Mail mail = RawMails.mail(HEADERS);

        mailet(keys).service(mail);

        assertThat(verify(mail)).extracting(DkimSignatureVerdict::result, DkimSignatureVerdict::algorithm)
            .containsExactly(tuple(DkimResult.PASS, "rsa-sha256"),
                tuple(DkimResult.PASS, "ed25519-sha256"));
    }

    @Test
    void signaturesComeFirstInTheHeader() throws Exception {
        Mail mail = RawMails.mail(HEADERS);

        mailet(keys).service(mail);

        assertThat(RawMails.written(mail)).startsWith("DKIM-Signature:");
        assertThat(RawMails.written(mail)).contains("From: Alice <alice@example.com>\r\n");
    }

    @Test
    void subdomainWithoutKeysIsSignedWithItsParentDomainsKeys() throws Exception {
        Mail mail = RawMails.mail(HEADERS.replace("alice@example.com", "alice@news.example.com"));

        mailet(keys).service(mail);

        assertThat(verify(mail)).extracting(DkimSignatureVerdict::domain).containsOnly("example.com");
        assertThat(verify(mail)).allMatch(DkimSignatureVerdict::passed);
    }

    @Test
    void mailFromADomainWithoutKeysLeavesUnsigned() throws Exception {
        Mail mail = RawMails.mail(HEADERS.replace("alice@example.com", "someone@partner.example"));

        mailet(keys).service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void mailWithTwoFromAddressesLeavesUnsigned() throws Exception {
        Mail mail = RawMails.mail(HEADERS.replace("From: Alice <alice@example.com>",
            "From: alice@example.com, bob@example.com"));

        mailet(keys).service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void missingKeyDirectorySignsNothing(@TempDir Path empty) throws Exception {
        Mail mail = RawMails.mail(HEADERS);

        mailet(empty.resolve("absent")).service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void unreadableKeyFileStopsTheStart(@TempDir Path broken) throws Exception {
        Files.createDirectories(broken.resolve("example.com"));
        Files.writeString(broken.resolve("example.com/s1.rsa.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> mailet(broken)).isInstanceOf(MessagingException.class).hasMessageContaining("s1.rsa.pem");
    }

    private static SignWithDkim mailet(Path directory) throws MessagingException {
        SignWithDkim mailet = new SignWithDkim(null);
        mailet.init(FakeMailetConfig.builder().setProperty("keyDirectory", directory.toString()).build());
        return mailet;
    }

    private static List<DkimSignatureVerdict> verify(Mail mail) throws Exception {
        DnsResolver dns = (name, type) -> zone.containsKey(name)
            ? DnsAnswer.found(List.of(zone.get(name))) : DnsAnswer.nxdomain();
        return new DkimChecker(dns).verify(RawMails.written(mail).getBytes(StandardCharsets.UTF_8));
    }
}
