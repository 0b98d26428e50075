/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
    @TempDir
    Path workingDirectory;

    @Test
    void defaultsWithoutFileOrEnvironment() throws Exception {
        TlsSettings settings = TlsSettings.load(workingDirectory, Map.of(), () -> "host.from.dns");

        assertThat(settings.hostname()).isEqualTo("host.from.dns");
        assertThat(settings.keystore()).isEqualTo(workingDirectory.resolve("var/tls/keystore.p12"));
        assertThat(settings.keystoreType()).isEqualTo("PKCS12");
        assertThat(settings.password()).isEmpty();
        assertThat(settings.passwordFile()).isEqualTo(workingDirectory.resolve("var/tls/keystore.p12.password"));
    }

    @Test
    void environmentOverridesDefaults() throws Exception {
        TlsSettings settings = TlsSettings.load(workingDirectory, Map.of(
            "MAILFORT_HOSTNAME", "mail.example.test",
            "MAILFORT_KEYSTORE", "/run/secrets/keystore.p12",
            "MAILFORT_KEYSTORE_TYPE", "JKS",
            "MAILFORT_KEYSTORE_PASSWORD", "from-env",
            "MAILFORT_KEYSTORE_PASSWORD_FILE", "/run/secrets/keystore-password"), () -> "host.from.dns");

        assertThat(settings.hostname()).isEqualTo("mail.example.test");
        assertThat(settings.keystore()).isEqualTo(Path.of("/run/secrets/keystore.p12"));
        assertThat(settings.keystoreType()).isEqualTo("JKS");
        assertThat(settings.password()).contains("from-env");
        assertThat(settings.passwordFile()).isEqualTo(Path.of("/run/secrets/keystore-password"));
    }

    @Test
    void configurationFileOverridesEnvironmentAndResolvesRelativePathsAgainstTheWorkingDirectory() throws Exception {
        writeConfiguration("tls.hostname = mx.example.test\n"
            + "tls.keystore = conf/real.p12\n"
            + "tls.keystore.type = PKCS12\n");

        TlsSettings settings = TlsSettings.load(workingDirectory, Map.of(
            "MAILFORT_HOSTNAME", "mail.example.test",
            "MAILFORT_KEYSTORE", "/elsewhere.p12"), () -> "host.from.dns");

        assertThat(settings.hostname()).isEqualTo("mx.example.test");
        assertThat(settings.keystore()).isEqualTo(workingDirectory.resolve("conf/real.p12"));
        assertThat(settings.passwordFile()).isEqualTo(workingDirectory.resolve("conf/real.p12.password"));
    }

    @Test
    void blankValuesCountAsUnset() throws Exception {
        writeConfiguration("tls.hostname =\ntls.keystore.password =\n");

        TlsSettings settings = TlsSettings.load(workingDirectory, Map.of("MAILFORT_HOSTNAME", "mail.example.test",
            "MAILFORT_KEYSTORE_PASSWORD", ""), () -> "host.from.dns");

        assertThat(settings.hostname()).isEqualTo("mail.example.test");
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void toStringDoesNotRevealThePassword() throws Exception {
        TlsSettings settings = TlsSettings.load(workingDirectory, Map.of("MAILFORT_KEYSTORE_PASSWORD", "s3cr3t-value"),
            () -> "host.from.dns");

        assertThat(settings.toString()).doesNotContain("s3cr3t-value");
    }

    private void writeConfiguration(String content) throws Exception {
        Path file = workingDirectory.resolve(TlsSettings.CONFIGURATION_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
