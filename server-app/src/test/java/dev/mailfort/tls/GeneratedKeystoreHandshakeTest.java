/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedKeystoreHandshakeTest {
    private static final String HOSTNAME = "mail.example.test";
    private static final char[] PASSWORD = "handshake-test-password".toCharArray();

    @TempDir
    Path directory;

    private SSLContext serverContext;
    private X509Certificate certificate;

    @BeforeEach
    void generateKeystore() throws Exception {
        Path keystore = directory.resolve("keystore.p12");
        certificate = new SelfSignedKeystoreGenerator().writeNew(keystore, HOSTNAME, PASSWORD, "PKCS12");
        serverContext = LoopbackTlsEcho.serverContext(keystore, "PKCS12", PASSWORD);
    }

    @Test
    void aClientTrustingTheCertificateCompletesTheHandshakeAndVerifiesTheHostName() throws Exception {
        assertThat(LoopbackTlsEcho.echoThroughHandshake(serverContext, certificate, HOSTNAME)).isEqualTo("echo hello");
    }

    @Test
    void aClientExpectingAnotherHostNameRefusesTheCertificate() {
        assertThatThrownBy(() -> LoopbackTlsEcho.echoThroughHandshake(serverContext, certificate, "other.example.test"))
            .isInstanceOf(SSLHandshakeException.class);
    }
}
