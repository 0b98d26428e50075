/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.lib.SslConfig;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.apache.james.util.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.mailfort.protocols.imap.TlsOnlyAuthImapPackage;
import dev.mailfort.protocols.pop3.HideLoginCapabilitiesWithoutTls;
import dev.mailfort.protocols.pop3.RefuseLoginWithoutTls;
import dev.mailfort.protocols.smtp.RefuseAuthWithoutTls;
import dev.mailfort.protocols.smtp.RequireAuthBeforeMail;

/**
 * Reads the production files of {@code conf/} the way James does, and checks the security promises their comments
 * make: one keystore reached through system properties, no secret in the files, every clear-text login path closed.
 */
class ProductionConfigurationTest {
    private static final Map<String, String> TLS_PROPERTIES = Map.of(
        "mailfort.tls.keystore", "file:///tmp/mailfort-test/keystore.p12",
        "mailfort.tls.keystore.type", "PKCS12",
        "mailfort.tls.keystore.password", "test-only-password");
    private static final Map<String, Optional<String>> PREVIOUS = new HashMap<>();
    private static final Path CONF = locateConf();

    @BeforeAll
    static void setTlsProperties() {
        TLS_PROPERTIES.forEach((key, value) -> {
            PREVIOUS.put(key, Optional.ofNullable(System.getProperty(key)));
            System.setProperty(key, value);
        });
    }

    @AfterAll
    static void restoreTlsProperties() {
        PREVIOUS.forEach((key, value) -> value.ifPresentOrElse(v -> System.setProperty(key, v), () -> System.clearProperty(key)));
    }

    @Test
    void everyTlsBlockUsesTheSharedKeystoreThroughSystemProperties() throws Exception {
        for (HierarchicalConfiguration<ImmutableNode> server : allProtocolServers()) {
            if (!server.getBoolean("[@enabled]", true)) {
                continue;
            }
            SslConfig ssl = SslConfig.parse(server);

            assertThat(ssl.useSSL() || ssl.useStartTLS()).as(server.getString("jmxName")).isTrue();
            assertThat(ssl.getKeystore()).isEqualTo("file:///tmp/mailfort-test/keystore.p12");
            assertThat(ssl.getKeystoreType()).isEqualTo("PKCS12");
            assertThat(ssl.getSecret()).isEqualTo("test-only-password");
            assertThat(ssl.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void noFileHoldsALiteralSecret() throws IOException {
        Pattern xmlSecret = Pattern.compile("<(secret|password)>([^<]*)</");
        Pattern propertySecret = Pattern.compile("(?m)^\\s*[^#\\s][^=]*(password|secret)\\s*=\\s*(\\S.*)$");
        try (Stream<Path> files = Files.list(CONF)) {
            for (Path file : files.collect(Collectors.toList())) {
                String content = Files.readString(file);
                for (Matcher matcher : List.of(xmlSecret.matcher(content), propertySecret.matcher(content))) {
                    while (matcher.find()) {
                        assertThat(matcher.group(2).trim()).as(file.getFileName() + ": " + matcher.group())
                            .matches("\\$\\{(sys|env):[A-Za-z0-9_.]+\\}");
                    }
                }
            }
        }
    }

    @Test
    void smtpServersAreTheThreeDocumentedOnes() throws Exception {
        assertThat(servers("smtpserver").stream().map(server -> server.getString("bind")))
            .containsExactly("0.0.0.0:25", "0.0.0.0:587", "0.0.0.0:465");
    }

    @Test
    void everySmtpServerRefusesAuthWithoutTlsAndTrustsNoNetwork() throws Exception {
        for (HierarchicalConfiguration<ImmutableNode> server : servers("smtpserver")) {
            assertThat(server.getBoolean("auth.requireSSL")).isTrue();
            assertThat(server.getString("authorizedAddresses", "")).isBlank();
            // The first handler that acts on commands; the counters only observe replies.
            assertThat(handlers(server)).filteredOn(handler -> !handler.equals(CountConnectionsAndCommands.class.getName()))
                .first().isEqualTo(RefuseAuthWithoutTls.class.getName());
            assertThat(Size.parse(server.getString("maxmessagesize"), Size.Unit.K).asBytes()).isEqualTo(50L * 1024 * 1024);
        }
    }

    @Test
    void submissionPortsRequireAuthBeforeMail() throws Exception {
        List<HierarchicalConfiguration<ImmutableNode>> servers = servers("smtpserver");

        assertThat(handlers(servers.get(0))).doesNotContain(RequireAuthBeforeMail.class.getName());
        assertThat(handlers(servers.get(1))).contains(RequireAuthBeforeMail.class.getName());
        assertThat(handlers(servers.get(2))).contains(RequireAuthBeforeMail.class.getName());
        assertThat(servers.get(2).getBoolean("tls[@socketTLS]")).isTrue();
    }

    @Test
    void everyPop3ServerHidesAndRefusesLoginWithoutTls() throws Exception {
        List<HierarchicalConfiguration<ImmutableNode>> servers = servers("pop3server");

        assertThat(servers.stream().map(server -> server.getString("bind"))).containsExactly("0.0.0.0:110", "0.0.0.0:995");
        for (HierarchicalConfiguration<ImmutableNode> server : servers) {
            assertThat(handlers(server)).contains(RefuseLoginWithoutTls.class.getName(), HideLoginCapabilitiesWithoutTls.class.getName());
        }
    }

    @Test
    void imapUsesOurLoginProcessorsAndRequiresTls() throws Exception {
        HierarchicalConfiguration<ImmutableNode> imap = read("imapserver.xml");

        assertThat(imap.getStringArray("imapPackages")).containsExactly(TlsOnlyAuthImapPackage.class.getName());
        List<HierarchicalConfiguration<ImmutableNode>> servers = imap.configurationsAt("imapserver");
        assertThat(servers.stream().map(server -> server.getString("bind"))).containsExactly("0.0.0.0:143", "0.0.0.0:993");
        for (HierarchicalConfiguration<ImmutableNode> server : servers) {
            assertThat(server.getBoolean("auth.requireSSL")).isTrue();
        }
    }

    @Test
    void everyHandlerNamedInAChainExists() throws Exception {
        for (HierarchicalConfiguration<ImmutableNode> server : allProtocolServers()) {
            for (String handler : handlers(server)) {
                Class.forName(handler);
            }
        }
    }

    @Test
    void lmtpIsDisabled() throws Exception {
        assertThat(servers("lmtpserver")).allSatisfy(server -> assertThat(server.getBoolean("[@enabled]")).isFalse());
    }

    @Test
    void manageSieveListensOn4190WithStartTls() throws Exception {
        assertThat(servers("managesieveserver")).singleElement().satisfies(server -> {
            assertThat(server.getBoolean("[@enabled]")).isTrue();
            assertThat(server.getString("bind")).endsWith(":4190");
            assertThat(server.getBoolean("tls[@startTLS]")).isTrue();
            assertThat(server.getBoolean("tls[@socketTLS]")).isFalse();
        });
    }

    @Test
    void administrationListensOnLoopbackOnly() throws Exception {
        assertThat(properties("webadmin.properties").getString("host")).isEqualTo("127.0.0.1");
        // No JMX server is assembled at all, so it has no port to expose.
        assertThat(CONF.resolve("jmx.properties")).doesNotExist();
    }

    @Test
    void passwordsAreHashedWithAtLeast100000Pbkdf2Iterations() throws Exception {
        String algorithm = read("usersrepository.xml").getString("algorithm");
        Matcher matcher = Pattern.compile("PBKDF2-SHA512-(\\d+)-(\\d+)").matcher(algorithm);

        assertThat(matcher.matches()).as(algorithm).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).isGreaterThanOrEqualTo(100_000);
        assertThat(Integer.parseInt(matcher.group(2))).isGreaterThanOrEqualTo(256);
    }

    @Test
    void noDomainIsGuessed() throws Exception {
        HierarchicalConfiguration<ImmutableNode> domains = read("domainlist.xml");

        assertThat(domains.getBoolean("autodetect")).isFalse();
        assertThat(domains.getBoolean("autodetectIP")).isFalse();
    }

    @Test
    void everyMailetAndMatcherOfThePipelineExists() throws Exception {
        Document pipeline;
        try (InputStream in = Files.newInputStream(CONF.resolve("mailetcontainer.xml"))) {
            pipeline = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Set<String> namedMatchers = new HashSet<>();
        NodeList matchers = pipeline.getElementsByTagName("matcher");
        for (int i = 0; i < matchers.getLength(); i++) {
            Element matcher = (Element) matchers.item(i);
            if (matcher.hasAttribute("name")) {
                namedMatchers.add(matcher.getAttribute("name"));
            }
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < matchers.getLength(); i++) {
            checkMatcher(((Element) matchers.item(i)).getAttribute("match"), namedMatchers, problems);
        }
        NodeList mailets = pipeline.getElementsByTagName("mailet");
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            checkMatcher(mailet.getAttribute("match"), namedMatchers, problems);
            resolve(mailet.getAttribute("class"), "org.apache.james.transport.mailets.", org.apache.mailet.Mailet.class)
                .ifPresentOrElse(clazz -> { }, () -> problems.add("mailet " + mailet.getAttribute("class")));
        }

        assertThat(problems).isEmpty();
    }

    private static void checkMatcher(String match, Set<String> namedMatchers, List<String> problems) {
        String name = match.split("=", 2)[0];
        if (!namedMatchers.contains(name) && resolve(name, "org.apache.james.transport.matchers.", org.apache.mailet.Matcher.class).isEmpty()) {
            problems.add("matcher " + match);
        }
    }

    /** The naming rule of James's Guice mailet and matcher loaders: the name as given, then in James's package. */
    private static Optional<Class<?>> resolve(String name, String defaultPackage, Class<?> expectedType) {
        for (String candidate : List.of(name, defaultPackage + name)) {
            try {
                Class<?> clazz = Class.forName(candidate);
                if (expectedType.isAssignableFrom(clazz)) {
                    return Optional.of(clazz);
                }
            } catch (ClassNotFoundException e) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    private static List<HierarchicalConfiguration<ImmutableNode>> allProtocolServers() throws Exception {
        List<HierarchicalConfiguration<ImmutableNode>> all = new ArrayList<>();
        for (String protocol : List.of("smtpserver", "imapserver", "pop3server")) {
            all.addAll(servers(protocol));
        }
        return all;
    }

    private static List<HierarchicalConfiguration<ImmutableNode>> servers(String protocol) throws Exception {
        return read(protocol + ".xml").configurationsAt(protocol);
    }

    private static List<String> handlers(HierarchicalConfiguration<ImmutableNode> server) {
        return List.of(server.getStringArray("handlerchain.handler[@class]"));
    }

    private static HierarchicalConfiguration<ImmutableNode> read(String file) throws Exception {
        try (InputStream in = Files.newInputStream(CONF.resolve(file))) {
            return FileConfigurationProvider.getConfig(in);
        }
    }

    private static PropertiesConfiguration properties(String file) throws Exception {
        return new Configurations().properties(CONF.resolve(file).toFile());
    }

    private static Path locateConf() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("conf/smtpserver.xml"))) {
                return directory.resolve("conf");
            }
        }
        throw new IllegalStateException("No conf/ directory above " + Path.of("").toAbsolutePath());
    }
}
