/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FakeMailContext knows one local domain, {@code localhost}: it plays our domain here. */
class RouteByTransportMapTest {
    private static final String MAP = String.join("\n",
        "boss@localhost          hold",
        "partner.example         relay:[smtp.partner.example]:587 tls=verify",
        "held.example            hold",
        "bad.example             reject:\"No mail to bad.example\"",
        "secure.example          mx tls=verify",
        "*                       mx");

    @TempDir
    Path workingDirectory;
    private FakeMailContext context;
    private RouteByTransportMap mailet;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(workingDirectory.resolve("conf/transport.map"), MAP);
        context = FakeMailContext.defaultContext();
        mailet = new RouteByTransportMap(new WorkingDirectoryFileSystem(workingDirectory));
        mailet.init(FakeMailetConfig.builder().mailetContext(context).build());
    }

    @Test
    void ourUsersStayInTheProcessorUntouched() throws Exception {
        Mail mail = mail("alice@localhost", "bob@localhost");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients()).containsExactly(address("alice@localhost"), address("bob@localhost"));
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void mxMailGoesToTheRelayProcessorWithoutARouteMark() throws Exception {
        Mail mail = mail("erin@elsewhere.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(mail.getAttribute(RouteByTransportMap.ROUTE)).isEmpty();
    }

    @Test
    void smarthostMailGoesToTheRelayProcessorMarkedWithItsRoute() throws Exception {
        Mail mail = mail("erin@partner.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(mail.getAttribute(RouteByTransportMap.ROUTE))
            .contains(new Attribute(RouteByTransportMap.ROUTE, AttributeValue.of("relay:[smtp.partner.example]:587 tls=verify")));
    }

    @Test
    void mxWithATlsPolicyIsMarkedToo() throws Exception {
        Mail mail = mail("erin@secure.example");

        mailet.service(mail);

        assertThat(mail.getAttribute(RouteByTransportMap.ROUTE))
            .contains(new Attribute(RouteByTransportMap.ROUTE, AttributeValue.of("mx tls=verify")));
    }

    @Test
    void anOldRouteMarkIsRemovedWhenTheRouteChanges() throws Exception {
        Mail mail = mail("erin@elsewhere.example");
        mail.setAttribute(new Attribute(RouteByTransportMap.ROUTE, AttributeValue.of("relay:[old.example]:25 tls=may")));

        mailet.service(mail);

        assertThat(mail.getAttribute(RouteByTransportMap.ROUTE)).isEmpty();
    }

    @Test
    void heldMailGoesToTheHoldProcessor() throws Exception {
        Mail mail = mail("boss@localhost");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("hold");
    }

    @Test
    void releasedMailIsNotHeldAgain() throws Exception {
        Mail mail = mail("boss@localhost", "erin@held.example");
        mail.setAttribute(new Attribute(RouteByTransportMap.RELEASED, AttributeValue.of("true")));

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients()).containsExactly(address("boss@localhost"));
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getState()).isEqualTo("relay");
            assertThat(sent.getRecipients()).containsExactly(address("erin@held.example"));
        });
    }

    @Test
    void rejectedMailGoesToTheBounceProcessorWithTheReplyAsDeliveryError() throws Exception {
        Mail mail = mail("erin@bad.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("bounces");
        assertThat(mail.getAttribute(RouteByTransportMap.DELIVERY_ERROR))
            .contains(new Attribute(RouteByTransportMap.DELIVERY_ERROR, AttributeValue.of("550 5.7.1 No mail to bad.example")));
    }

    @Test
    void aMailForSeveralRoutesIsSplitOneMailPerRouteAndLocalRecipientsStay() throws Exception {
        Mail mail = mail("alice@localhost", "erin@partner.example", "frank@partner.example", "gina@held.example",
            "hal@elsewhere.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getRecipients()).containsExactly(address("alice@localhost"));
        assertThat(context.getSentMails())
            .extracting(FakeMailContext.SentMail::getState, sent -> List.copyOf(sent.getRecipients()))
            .containsExactlyInAnyOrder(
                tuple("relay", List.of(address("erin@partner.example"), address("frank@partner.example"))),
                tuple("hold", List.of(address("gina@held.example"))),
                tuple("relay", List.of(address("hal@elsewhere.example"))));
        assertThat(context.getSentMails())
            .filteredOn(sent -> sent.getRecipients().contains(address("erin@partner.example")))
            .singleElement()
            .satisfies(sent -> assertThat(sent.getAttributes()).containsKey(RouteByTransportMap.ROUTE));
    }

    @Test
    void aSplitMailWithoutLocalRecipientsEndsOnceItsPartsAreSent() throws Exception {
        Mail mail = mail("erin@partner.example", "gina@held.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void theSplitPartsKeepTheSenderAndAttributesSuchAsTheAuthenticatedUser() throws Exception {
        Mail mail = mail("alice@localhost", "erin@partner.example");
        mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@localhost")));

        mailet.service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getSender()).isEqualTo(address("alice@localhost"));
            assertThat(sent.getAttributes()).containsKey(Mail.SMTP_AUTH_USER);
        });
    }

    @Test
    void aMissingMapStopsTheStart() {
        RouteByTransportMap withoutMap = new RouteByTransportMap(new WorkingDirectoryFileSystem(workingDirectory));

        assertThatThrownBy(() -> withoutMap.init(FakeMailetConfig.builder().mailetContext(context)
                .setProperty("mapFile", "file://conf/nowhere.map").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("transport map file://conf/nowhere.map does not exist");
    }

    @Test
    void aMalformedLineStopsTheStartNamingTheLine() throws Exception {
        Files.writeString(workingDirectory.resolve("conf/broken.map"), "# ok\nexample.com relay:[x.example:25\n");
        RouteByTransportMap broken = new RouteByTransportMap(new WorkingDirectoryFileSystem(workingDirectory));

        assertThatThrownBy(() -> broken.init(FakeMailetConfig.builder().mailetContext(context)
                .setProperty("mapFile", "file://conf/broken.map").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("broken.map line 2: no closing ] after the relay host: \"example.com relay:[x.example:25\"");
    }

    private static Mail mail(String... recipients) throws MessagingException {
        return FakeMail.builder()
            .name("mail1")
            .sender("alice@localhost")
            .recipients(List.of(recipients).stream().map(RouteByTransportMapTest::address).toArray(MailAddress[]::new))
            .state("transport")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("Routes").setText("Hello"))
            .build();
    }

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
