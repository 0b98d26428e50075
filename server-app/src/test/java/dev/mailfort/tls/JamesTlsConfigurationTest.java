/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.lib.LegacyJavaEncryptionFactory;
import org.apache.james.protocols.lib.SslConfig;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a protocol server's {@code <tls>} block the way James 3.8.1 does (FileConfigurationProvider, then SslConfig,
 * then its FileSystem and encryption factory), to prove that {@code ${sys:...}} and {@code ${env:...}} placeholders
 * written by the configuration are resolved to what {@link TlsBootstrap} publishes.
 */
class JamesTlsConfigurationTest {
    private static final String HOSTNAME = "mail.example.test";

    @RegisterExtension
    final SystemPropertiesRestorer systemProperties = new SystemPropertiesRestorer();

    @TempDir
    Path workingDirectory;

    private Configuration configuration;
    private FileSystem fileSystem;

    @BeforeEach
    void setUp() throws Exception {
        configuration = Configuration.builder().workingDirectory(workingDirectory.toFile()).build();
        fileSystem = new FileSystemImpl(configuration.directories());
        Files.createDirectories(workingDirectory.resolve("conf"));
    }

    @Test
    void systemPropertyPlaceholdersResolveToThePreparedKeystore() throws Exception {
        PreparedKeystore prepared = prepareKeystore();
        writeSmtpServerXml("<keystore>${sys:mailfort.tls.keystore}</keystore>\n"
            + "<secret>${sys:mailfort.tls.keystore.password}</secret>\n"
            + "<keystoreType>${sys:mailfort.tls.keystore.type}</keystoreType>\n");

        SslConfig sslConfig = SslConfig.parse(firstSmtpServer());

        assertThat(sslConfig.getKeystore()).isEqualTo(prepared.jamesLocation());
        assertThat(sslConfig.getSecret()).isEqualTo(System.getProperty(TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY)).isNotBlank();
        assertThat(sslConfig.getKeystoreType()).isEqualTo("PKCS12");
        assertThat(fileSystem.getFile(sslConfig.getKeystore()).toPath()).isEqualTo(prepared.path());
    }

    @Test
    void jamesBuildsAWorkingTlsContextFromTheInterpolatedConfiguration() throws Exception {
        PreparedKeystore prepared = prepareKeystore();
        writeSmtpServerXml("<keystore>${sys:mailfort.tls.keystore}</keystore>\n"
            + "<secret>${sys:mailfort.tls.keystore.password}</secret>\n"
            + "<keystoreType>${sys:mailfort.tls.keystore.type}</keystoreType>\n");

        Encryption encryption = new LegacyJavaEncryptionFactory(fileSystem, SslConfig.parse(firstSmtpServer())).create();

        assertThat(encryption.isStartTLS()).isTrue();
        assertThat(encryption).isInstanceOf(Encryption.LegacyJavaEncryption.class);
        SSLContext jamesContext = ((Encryption.LegacyJavaEncryption) encryption).getContext();
        assertThat(LoopbackTlsEcho.echoThroughHandshake(jamesContext, prepared.certificate(), prepared.hostname()))
            .isEqualTo("echo hello");
    }

    @Test
    void environmentPlaceholdersResolveToo() throws Exception {
        String variable = System.getenv().containsKey("HOME") ? "HOME" : "PATH";
        writeSmtpServerXml("<keystore>${env:" + variable + "}</keystore>\n");

        assertThat(SslConfig.parse(firstSmtpServer()).getKeystore()).isEqualTo(System.getenv(variable));
    }

    @Test
    void passwordsWithCharactersSpecialToXmlListsOrPlaceholdersSurviveUnchanged() throws Exception {
        String awkward = " a,b;c\\d $e {f} &<g> ";
        System.setProperty(TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY, awkward);
        writeSmtpServerXml("<keystore>file://conf/keystore.p12</keystore>\n"
            + "<secret>${sys:mailfort.tls.keystore.password}</secret>\n");

        assertThat(SslConfig.parse(firstSmtpServer()).getSecret()).isEqualTo(awkward);
    }

    // The public entry point differs only by reading the real environment and asking DNS for the host name.
    private PreparedKeystore prepareKeystore() throws Exception {
        TlsSettings settings = TlsSettings.load(workingDirectory, Map.of(), () -> HOSTNAME);
        SecureRandom random = new SecureRandom();
        return new TlsBootstrap(new SelfSignedKeystoreGenerator(Clock.systemUTC(), random), random, Clock.systemUTC())
            .prepare(settings);
    }

    private HierarchicalConfiguration<ImmutableNode> firstSmtpServer() throws Exception {
        HierarchicalConfiguration<ImmutableNode> smtpservers =
            new FileConfigurationProvider(fileSystem, configuration).getConfiguration("smtpserver");
        List<HierarchicalConfiguration<ImmutableNode>> servers = smtpservers.configurationsAt("smtpserver");
        assertThat(servers).hasSize(1);
        return servers.get(0);
    }

    private void writeSmtpServerXml(String tlsChildren) throws Exception {
        Files.writeString(workingDirectory.resolve("conf/smtpserver.xml"),
            "<?xml version=\"1.0\"?>\n"
                + "<smtpservers>\n"
                + "  <smtpserver enabled=\"true\">\n"
                + "    <bind>127.0.0.1:0</bind>\n"
                + "    <tls socketTLS=\"false\" startTLS=\"true\">\n"
                + tlsChildren
                + "    </tls>\n"
                + "  </smtpserver>\n"
                + "</smtpservers>\n");
    }
}
