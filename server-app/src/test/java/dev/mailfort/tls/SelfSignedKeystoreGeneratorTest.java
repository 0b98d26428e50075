/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeystoreGeneratorTest {
    private static final char[] PASSWORD = "changeit-not-a-real-secret".toCharArray();
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final SelfSignedKeystoreGenerator generator =
        new SelfSignedKeystoreGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @TempDir
    Path directory;

    @Test
    void certificateNamesTheHostInSubjectAltNameAndCommonName() throws Exception {
        X509Certificate certificate = certificateOf(generator.generate("mail.example.test", PASSWORD, "PKCS12"));

        assertThat(dnsNames(certificate)).containsExactly("mail.example.test");
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=mail.example.test");
    }

    @Test
    void anIpAddressHostGetsAnIpAddressSubjectAltName() throws Exception {
        X509Certificate certificate = certificateOf(generator.generate("127.0.0.1", PASSWORD, "PKCS12"));

        assertThat(certificate.getSubjectAlternativeNames())
            .containsExactly(List.of(7, "127.0.0.1"));
    }

    @Test
    void certificateIsASelfSignedRsa2048ServerCertificateValidFor825Days() throws Exception {
        X509Certificate certificate = certificateOf(generator.generate("mail.example.test", PASSWORD, "PKCS12"));

        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase("SHA256withRSA");
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(825)));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(certificate.getSerialNumber().signum()).isEqualTo(1);
    }

    @Test
    void writtenKeystoreLoadsWithThePasswordAndHoldsKeyAndCertificate() throws Exception {
        Path file = directory.resolve("tls/keystore.p12");

        X509Certificate written = generator.writeNew(file, "mail.example.test", PASSWORD, "PKCS12");

        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in, PASSWORD);
        }
        assertThat(loaded.getKey(SelfSignedKeystoreGenerator.KEY_ALIAS, PASSWORD)).isInstanceOf(PrivateKey.class);
        assertThat(loaded.getCertificate(SelfSignedKeystoreGenerator.KEY_ALIAS)).isEqualTo(written);
    }

    @Test
    void writtenKeystoreIsReadableByTheOwnerOnly() throws Exception {
        Path file = directory.resolve("keystore.p12");

        generator.writeNew(file, "mail.example.test", PASSWORD, "PKCS12");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.OWNER_READ_WRITE);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        Path file = directory.resolve("keystore.p12");
        Files.writeString(file, "operator's keystore");

        assertThatThrownBy(() -> generator.writeNew(file, "mail.example.test", PASSWORD, "PKCS12"))
            .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("operator's keystore");
    }

    @Test
    void supportsJksForOperatorsWhoAskForIt() throws Exception {
        Path file = directory.resolve("keystore.jks");

        generator.writeNew(file, "mail.example.test", PASSWORD, "JKS");

        KeyStore loaded = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in, PASSWORD);
        }
        assertThat(loaded.isKeyEntry(SelfSignedKeystoreGenerator.KEY_ALIAS)).isTrue();
    }

    static X509Certificate certificateOf(KeyStore keyStore) throws Exception {
        return (X509Certificate) keyStore.getCertificate(SelfSignedKeystoreGenerator.KEY_ALIAS);
    }

    static List<String> dnsNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream()
            .filter(name -> Integer.valueOf(2).equals(name.get(0)))
            .map(name -> (String) name.get(1))
            .toList();
    }
}
