/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayThroughSmarthostTest {
    private static final String VERIFIED = "relay:[smtp.partner.example]:587 tls=verify auth=file://conf/partner.credentials";

    @TempDir
    Path workingDirectory;
    private final Map<String, Map<String, String>> startedConfigs = new LinkedHashMap<>();
    private final Map<String, List<Mail>> delivered = new HashMap<>();
    private RelayThroughSmarthost mailet;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(workingDirectory.resolve("conf/transport.map"), String.join("\n",
            "partner.example   relay:[smtp.partner.example]:587 tls=verify auth=file://conf/partner.credentials",
            "lab.example       relay:[127.0.0.1]:2525 tls=none",
            "old.example       relay:mail.old.example tls=encrypt",
            "secure.example    mx tls=verify",
            "held.example      hold",
            "*                 mx"));
        Path credentials = workingDirectory.resolve("conf/partner.credentials");
        Files.writeString(credentials, "username=mailfort\npassword=s3cret=with=equals\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        mailet = new RelayThroughSmarthost(new WorkingDirectoryFileSystem(workingDirectory), this::start);
        mailet.init(FakeMailetConfig.builder()
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("delayTime", "1 second")
            .setProperty("maxRetries", "3")
            .setProperty("bounceProcessor", "bounces")
            .setProperty("mail.smtp.ssl.protocols", "TLSv1.2 TLSv1.3")
            .setProperty("mail.smtp.ssl.trust", "*")
            .setProperty("gateway", "must.not.leak.example")
            .setProperty("startTLS", "false")
            .build());
    }

    @Test
    void oneRemoteDeliveryIsStartedPerRouteThatNeedsOne() {
        assertThat(startedConfigs).containsOnlyKeys(
            "outgoing-smtp.partner.example-587-verify-auth-" + digestOf("file://conf/partner.credentials"),
            "outgoing-127.0.0.1-2525-none", "outgoing-mail.old.example-25-encrypt", "outgoing-mx-verify");
    }

    @Test
    void aVerifiedSmarthostGetsGatewayCredentialsRequiredStartTlsAndCertificateChecks() {
        Map<String, String> config = configOfQueueStartingWith("outgoing-smtp.partner.example-587-verify");

        assertThat(config)
            .containsEntry("gateway", "smtp.partner.example")
            .containsEntry("gatewayPort", "587")
            .containsEntry("gatewayUsername", "mailfort")
            .containsEntry("gatewayPassword", "s3cret=with=equals")
            .containsEntry("startTLS", "true")
            .containsEntry("mail.smtp.starttls.required", "true")
            .containsEntry("verifyServerIdentity", "true")
            .doesNotContainKey("mail.smtp.ssl.trust");
    }

    @Test
    void theSharedSettingsArePassedOnButNotTheOnesEachRouteDecides() {
        Map<String, String> config = configOfQueueStartingWith("outgoing-127.0.0.1-2525-none");

        assertThat(config)
            .containsEntry("delayTime", "1 second")
            .containsEntry("maxRetries", "3")
            .containsEntry("bounceProcessor", "bounces")
            .containsEntry("mail.smtp.ssl.protocols", "TLSv1.2 TLSv1.3")
            .containsEntry("gateway", "127.0.0.1")
            .containsEntry("startTLS", "false")
            .doesNotContainKeys("mapFile", "gatewayUsername", "gatewayPassword", "mail.smtp.starttls.required");
    }

    @Test
    void encryptRequiresStartTlsWithoutCheckingTheCertificate() {
        assertThat(configOfQueueStartingWith("outgoing-mail.old.example-25-encrypt"))
            .containsEntry("startTLS", "true")
            .containsEntry("mail.smtp.starttls.required", "true")
            .containsEntry("verifyServerIdentity", "false")
            .containsEntry("mail.smtp.ssl.trust", "*");
    }

    @Test
    void mxWithATlsPolicyHasNoGateway() {
        assertThat(configOfQueueStartingWith("outgoing-mx-verify"))
            .doesNotContainKeys("gateway", "gatewayPort")
            .containsEntry("mail.smtp.starttls.required", "true");
    }

    @Test
    void aMarkedMailIsHandedToTheDeliveryOfItsRoute() throws Exception {
        Mail mail = mailRoutedTo(VERIFIED);

        mailet.service(mail);

        assertThat(delivered.get(configOfQueueStartingWith("outgoing-smtp.partner.example-587-verify").get("outgoing")))
            .containsExactly(mail);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void anUnmarkedMailGoesOnToTheProcessorsRemoteDelivery() throws Exception {
        Mail mail = FakeMail.builder().name("plain").state("relay").recipient("erin@elsewhere.example").build();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(delivered).isEmpty();
    }

    @Test
    void aMailMarkedForARouteTheMapNoLongerHasIsAnError() throws Exception {
        Mail mail = mailRoutedTo("relay:[gone.example]:25 tls=may");

        assertThatThrownBy(() -> mailet.service(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("No remote delivery for route relay:[gone.example]:25 tls=may in the transport map");
    }

    @Test
    void credentialsWithoutPasswordStopTheStart() throws Exception {
        Files.writeString(workingDirectory.resolve("conf/partner.credentials"), "username=mailfort\n");
        RelayThroughSmarthost other = new RelayThroughSmarthost(new WorkingDirectoryFileSystem(workingDirectory), this::start);

        assertThatThrownBy(() -> other.init(FakeMailetConfig.builder().mailetContext(FakeMailContext.defaultContext()).build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("smarthost credentials file://conf/partner.credentials need both username= and password=");
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        assertThat(new SmarthostCredentials("mailfort", "s3cret").toString()).doesNotContain("s3cret");
    }

    private Mailet start(MailetConfig config) {
        Map<String, String> parameters = new LinkedHashMap<>();
        config.getInitParameterNames().forEachRemaining(name -> parameters.put(name, config.getInitParameter(name)));
        String queue = parameters.get("outgoing");
        startedConfigs.put(queue, parameters);
        return new GenericMailet() {
            @Override
            public void service(Mail mail) {
                delivered.computeIfAbsent(queue, any -> new ArrayList<>()).add(mail);
                mail.setState(Mail.GHOST);
            }
        };
    }

    private Map<String, String> configOfQueueStartingWith(String prefix) {
        return startedConfigs.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith(prefix))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no queue " + prefix + " in " + startedConfigs.keySet()));
    }

    private static Mail mailRoutedTo(String routeKey) throws MessagingException {
        return FakeMail.builder().name("routed").state("relay").recipient("erin@partner.example")
            .attribute(new Attribute(RouteByTransportMap.ROUTE, AttributeValue.of(routeKey)))
            .build();
    }

    private static String digestOf(String url) {
        return SmarthostDeliveryConfig.queueName(Route.relay("h", 1, TlsPolicy.MAY, java.util.Optional.of(url)))
            .replaceAll(".*-auth-", "");
    }
}
