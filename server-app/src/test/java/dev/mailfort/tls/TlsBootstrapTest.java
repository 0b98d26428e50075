/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class TlsBootstrapTest {
    private static final String HOSTNAME = "mail.example.test";

    @RegisterExtension
    final SystemPropertiesRestorer systemProperties = new SystemPropertiesRestorer();

    @TempDir
    Path workingDirectory;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TlsBootstrap.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void generatesAKeystoreAndAnOwnerOnlyPasswordFileWhenNoneExists() throws Exception {
        PreparedKeystore prepared = prepare(Map.of());

        Path keystore = workingDirectory.resolve("var/tls/keystore.p12");
        Path passwordFile = workingDirectory.resolve("var/tls/keystore.p12.password");
        assertThat(prepared.generated()).isTrue();
        assertThat(prepared.path()).isEqualTo(keystore);
        assertThat(keystore).isRegularFile();
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(OwnerOnlyFiles.OWNER_READ_WRITE);
        assertThat(SelfSignedKeystoreGeneratorTest.dnsNames(prepared.certificate())).containsExactly(HOSTNAME);

        String password = Files.readString(passwordFile).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(ExistingKeystore.open(keystore, "PKCS12", password.toCharArray())).isEqualTo(prepared.certificate());
    }

    @Test
    void theEntryPointReadsConfTlsProperties() throws Exception {
        Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(workingDirectory.resolve(TlsSettings.CONFIGURATION_FILE),
            "tls.hostname=mx.example.test\ntls.keystore=var/custom/server.p12\n");

        PreparedKeystore prepared = TlsBootstrap.prepare(workingDirectory);

        assertThat(prepared.path()).isEqualTo(workingDirectory.resolve("var/custom/server.p12")).isRegularFile();
        assertThat(SelfSignedKeystoreGeneratorTest.dnsNames(prepared.certificate())).containsExactly("mx.example.test");
        assertThat(workingDirectory.resolve("var/custom/server.p12.password")).isRegularFile();
    }

    @Test
    void publishesTheKeystoreForTheXmlConfiguration() throws Exception {
        PreparedKeystore prepared = prepare(Map.of());

        String password = Files.readString(workingDirectory.resolve("var/tls/keystore.p12.password")).strip();
        assertThat(System.getProperty(TlsBootstrap.KEYSTORE_PROPERTY))
            .isEqualTo("file://" + workingDirectory.resolve("var/tls/keystore.p12"))
            .startsWith("file:///")
            .isEqualTo(prepared.jamesLocation());
        assertThat(System.getProperty(TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY)).isEqualTo(password);
        assertThat(System.getProperty(TlsBootstrap.KEYSTORE_TYPE_PROPERTY)).isEqualTo("PKCS12");
        assertThat(System.getProperty(TlsBootstrap.HOSTNAME_PROPERTY)).isEqualTo(HOSTNAME);
    }

    @Test
    void logsAClearWarningWithoutThePassword() throws Exception {
        prepare(Map.of());

        String password = Files.readString(workingDirectory.resolve("var/tls/keystore.p12.password")).strip();
        assertThat(logs.list)
            .filteredOn(event -> event.getLevel() == Level.WARN)
            .singleElement()
            .satisfies(event -> assertThat(event.getFormattedMessage())
                .startsWith("No TLS keystore at " + workingDirectory.resolve("var/tls/keystore.p12")
                    + ": generated a self-signed certificate for " + HOSTNAME)
                .contains("mount a real keystore")
                .doesNotContain(password));
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(password));
    }

    @Test
    void anExistingKeystoreIsNotOverwrittenAndItsPasswordFileIsReused() throws Exception {
        PreparedKeystore first = prepare(Map.of());
        Path keystore = first.path();
        Path passwordFile = workingDirectory.resolve("var/tls/keystore.p12.password");
        byte[] keystoreBytes = Files.readAllBytes(keystore);
        String passwordFileContent = Files.readString(passwordFile);

        PreparedKeystore second = prepare(Map.of());

        assertThat(second.generated()).isFalse();
        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(Files.readAllBytes(keystore)).isEqualTo(keystoreBytes);
        assertThat(Files.readString(passwordFile)).isEqualTo(passwordFileContent);
        assertThat(System.getProperty(TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY)).isEqualTo(passwordFileContent.strip());
        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1);
    }

    @Test
    void aConfiguredPasswordIsUsedAndNoPasswordFileIsWritten() throws Exception {
        PreparedKeystore prepared = prepare(Map.of("MAILFORT_KEYSTORE_PASSWORD", "given-by-the-operator"));

        assertThat(workingDirectory.resolve("var/tls/keystore.p12.password")).doesNotExist();
        assertThat(ExistingKeystore.open(prepared.path(), "PKCS12", "given-by-the-operator".toCharArray()))
            .isEqualTo(prepared.certificate());
        assertThat(System.getProperty(TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY)).isEqualTo("given-by-the-operator");
    }

    @Test
    void aPasswordFileProvidedWithoutKeystoreProtectsTheGeneratedOne() throws Exception {
        Path passwordFile = workingDirectory.resolve("var/tls/keystore.p12.password");
        Files.createDirectories(passwordFile.getParent());
        Files.writeString(passwordFile, "mounted-secret\n");

        PreparedKeystore prepared = prepare(Map.of());

        assertThat(Files.readString(passwordFile)).isEqualTo("mounted-secret\n");
        assertThat(ExistingKeystore.open(prepared.path(), "PKCS12", "mounted-secret".toCharArray()))
            .isEqualTo(prepared.certificate());
    }

    @Test
    void anExistingKeystoreWithoutAnyPasswordStopsTheStartWithAnExplanation() throws Exception {
        Path keystore = workingDirectory.resolve("var/tls/keystore.p12");
        new SelfSignedKeystoreGenerator().writeNew(keystore, HOSTNAME, "operator-secret".toCharArray(), "PKCS12");

        assertThatThrownBy(() -> prepare(Map.of()))
            .isInstanceOf(TlsSetupException.class)
            .hasMessageContaining(keystore.toString())
            .hasMessageContaining("MAILFORT_KEYSTORE_PASSWORD");
        assertThat(workingDirectory.resolve("var/tls/keystore.p12.password")).doesNotExist();
    }

    @Test
    void aWrongPasswordStopsTheStartWithAnExplanation() throws Exception {
        Path keystore = workingDirectory.resolve("var/tls/keystore.p12");
        new SelfSignedKeystoreGenerator().writeNew(keystore, HOSTNAME, "operator-secret".toCharArray(), "PKCS12");

        assertThatThrownBy(() -> prepare(Map.of("MAILFORT_KEYSTORE_PASSWORD", "wrong")))
            .isInstanceOf(TlsSetupException.class)
            .hasMessage("Wrong password for the TLS keystore " + keystore);
    }

    @Test
    void aKeystoreWithoutPrivateKeyIsRejected() throws Exception {
        Path keystore = workingDirectory.resolve("var/tls/keystore.p12");
        KeyStore trustOnly = KeyStore.getInstance("PKCS12");
        trustOnly.load(null, null);
        trustOnly.setCertificateEntry("ca", SelfSignedKeystoreGeneratorTest.certificateOf(
            new SelfSignedKeystoreGenerator().generate(HOSTNAME, "x".toCharArray(), "PKCS12")));
        Files.createDirectories(keystore.getParent());
        try (OutputStream out = Files.newOutputStream(keystore)) {
            trustOnly.store(out, "operator-secret".toCharArray());
        }

        assertThatThrownBy(() -> prepare(Map.of("MAILFORT_KEYSTORE_PASSWORD", "operator-secret")))
            .isInstanceOf(TlsSetupException.class)
            .hasMessageContaining("holds no private key");
    }

    @Test
    void warnsWhenTheCertificateExpiresSoon() throws Exception {
        prepare(Map.of());
        logs.list.clear();
        Instant nearlyExpired = Instant.now().plus(SelfSignedKeystoreGenerator.VALIDITY).minus(Duration.ofDays(10));

        bootstrapAt(nearlyExpired).prepare(settings(Map.of()));

        assertThat(logs.list)
            .filteredOn(event -> event.getLevel() == Level.WARN)
            .singleElement()
            .satisfies(event -> assertThat(event.getFormattedMessage()).contains("renew it soon"));
    }

    private PreparedKeystore prepare(Map<String, String> environment) throws Exception {
        return bootstrapAt(Instant.now()).prepare(settings(environment));
    }

    private TlsSettings settings(Map<String, String> environment) throws Exception {
        return TlsSettings.load(workingDirectory, environment, () -> HOSTNAME);
    }

    private static TlsBootstrap bootstrapAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        SecureRandom random = new SecureRandom();
        return new TlsBootstrap(new SelfSignedKeystoreGenerator(clock, random), random, clock);
    }
}
