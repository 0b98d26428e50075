/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.HeldMailRelease;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.RoutingConf;
import dev.mailfort.server.e2e.support.SmtpDeliveredMail;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.e2e.support.SmtpSink;
import dev.mailfort.server.e2e.support.Submission;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;

/**
 * Where the transport map (conf/transport.map, read by RouteByTransportMap, RelayThroughSmarthost and
 * RefuseRejectedDestinations) sends mail, on the whole server: a smarthost with AUTH for one domain, the default
 * route for the others, a held address released through WebAdmin, a rejected domain refused at RCPT (and, reached
 * through a forward, reported to our authenticated sender), and a mail for several routes split between them. Also what never leaves: unknown local users are refused at RCPT, and a mail
 * that went round in a loop (too many Received fields) is dropped. Remote servers are loopback {@link SmtpSink}s.
 */
class TransportMapRoutingTest {
    private static final String DOMAIN = "example.com";
    private static final String RELAY_USER = "mailfort-relay";
    private static final String RELAY_PASSWORD = "relay-Secret-7";
    private static final String HELD_FOR_RELEASE = "legal@partner.example";
    private static final String HELD_IN_SPLIT = "audit@partner.example";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private static final SmtpSink SMARTHOST = SmtpSink.start().requireAuth(RELAY_USER, RELAY_PASSWORD);
    private static final SmtpSink DEFAULT_ROUTE = SmtpSink.start();

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(TransportMapRoutingTest::routes);

    private static MailUser alice;
    private static MailUser bob;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        alice = MailUser.create(server, "alice", DOMAIN);
        bob = MailUser.create(server, "bob", DOMAIN);
    }

    @AfterAll
    static void stopPeers() {
        SMARTHOST.close();
        DEFAULT_ROUTE.close();
    }

    @Test
    void mailForADomainWithASmarthostLeavesThroughItWithTheConfiguredCredentials() {
        String subject = "Through the smarthost " + UUID.randomUUID();

        Submission.send(server, alice, List.of("erin@partner.example"), subject);

        SmtpSink.Received received = awaitReceived(SMARTHOST, "erin@partner.example", subject);
        assertThat(received.mailFrom()).isEqualTo(alice.address());
        assertThat(received.recipients()).containsExactly("erin@partner.example");
        assertThat(SMARTHOST.authenticatedUsers()).contains(RELAY_USER);
        assertThat(DEFAULT_ROUTE.receivedFor("erin@partner.example")).isEmpty();
    }

    @Test
    void mailForAnyOtherDomainTakesTheDefaultRoute() {
        String subject = "By the default route " + UUID.randomUUID();

        Submission.send(server, alice, List.of("frank@elsewhere.example"), subject);

        assertThat(awaitReceived(DEFAULT_ROUTE, "frank@elsewhere.example", subject).mailFrom()).isEqualTo(alice.address());
        assertThat(SMARTHOST.receivedFor("frank@elsewhere.example")).isEmpty();
    }

    @Test
    void heldMailWaitsInTheHeldRepositoryAndLeavesOnceReleasedThroughWebAdmin() {
        String subject = "For the lawyers " + UUID.randomUUID();
        HeldMailRelease held = new HeldMailRelease(server);

        Submission.send(server, alice, List.of(HELD_FOR_RELEASE), subject);
        await().atMost(DELIVERY).until(() -> held.keysOfMailsFor(HeldMailRelease.HELD, HELD_FOR_RELEASE), keys -> keys.size() == 1);
        assertThat(SMARTHOST.receivedFor(HELD_FOR_RELEASE)).isEmpty();

        String key = held.keysOfMailsFor(HeldMailRelease.HELD, HELD_FOR_RELEASE).get(0);
        assertThat(held.release(key)).isEqualTo("completed");

        // Released, it follows the next entry of the map (partner.example's smarthost) instead of being held again.
        awaitReceived(SMARTHOST, HELD_FOR_RELEASE, subject);
        assertThat(held.keysOfMailsFor(HeldMailRelease.HELD, HELD_FOR_RELEASE)).isEmpty();
    }

    @Test
    void aMailForSeveralRoutesIsSplitIntoOneCopyPerRoute() throws Exception {
        String subject = "Quarterly figures " + UUID.randomUUID();
        HeldMailRelease held = new HeldMailRelease(server);

        Submission.send(server, alice, List.of(bob.address(), "gina@partner.example", HELD_IN_SPLIT, "hal@elsewhere.example"),
            subject);

        assertThat(SmtpDeliveredMail.awaitInInbox(server, bob.address(), bob.password(), subject).subject()).isEqualTo(subject);
        assertThat(awaitReceived(SMARTHOST, "gina@partner.example", subject).recipients()).containsExactly("gina@partner.example");
        assertThat(awaitReceived(DEFAULT_ROUTE, "hal@elsewhere.example", subject).recipients()).containsExactly("hal@elsewhere.example");
        await().atMost(DELIVERY).until(() -> held.keysOfMailsFor(HeldMailRelease.HELD, HELD_IN_SPLIT), keys -> keys.size() == 1);
        assertThat(SMARTHOST.receivedFor(HELD_IN_SPLIT)).isEmpty();
        assertThat(DEFAULT_ROUTE.receivedFor(bob.address())).isEmpty();
    }

    @Test
    void aRejectedDestinationIsRefusedAtRcptWithTheTextOfTheMap() {
        try (LineDialogue smtp = SmtpSessions.authenticate(SmtpSessions.encryptedWithStartTls(server.port(587)),
                alice.address(), alice.password())) {
            assertThat(smtp.smtp("MAIL FROM:<" + alice.address() + ">")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:<ivan@forbidden.example>"))
                .isEqualTo("550 5.7.1 Mail to forbidden.example is not allowed");
            assertThat(smtp.smtp("RCPT TO:<" + bob.address() + ">")).startsWith("250 ");
        }
    }

    @Test
    void aForwardToARejectedDestinationIsNotSentAndOurSenderIsTold() {
        MailUser desk = MailUser.create(server, "desk", DOMAIN);
        assertThat(server.webAdmin().put("/address/forwards/" + desk.address() + "/targets/ivan@forbidden.example", "")
            .status()).isEqualTo(204);
        String subject = "Via the desk " + UUID.randomUUID();

        // RCPT sees a local user; only after the forward is resolved does the map's reject apply.
        Submission.send(server, alice, List.of(desk.address()), subject);

        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(500))
            .until(() -> SmtpDeliveredMail.subjectsInInbox(server, alice.address(), alice.password()),
                subjects -> subjects.contains("Undelivered mail: " + subject));
        assertThat(DEFAULT_ROUTE.receivedFor("ivan@forbidden.example")).isEmpty();
        assertThat(SMARTHOST.receivedFor("ivan@forbidden.example")).isEmpty();
    }

    @Test
    void anUnknownLocalUserIsRefusedAtRcptSoThatNothingIsBouncedLater() {
        try (LineDialogue smtp = SmtpSessions.greeted(server.port(25))) {
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<stranger@outside.example>")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:<nobody@" + DOMAIN + ">")).startsWith("550 5.1.1 ");
        }
    }

    @Test
    void aMailThatWentRoundInALoopIsDroppedBeforeDelivery() throws Exception {
        int limit = relayLimit(server.workingDirectory());
        String loopSubject = "Looping " + UUID.randomUUID();
        String normalSubject = "Not looping " + UUID.randomUUID();
        InternetSender internet = new InternetSender(server);

        // One Received field short of the limit: the server adds its own on accepting the mail.
        internet.send("carol@outside.example", bob.address(), receivedFields(limit - 1)
            + message("carol@outside.example", bob.address(), loopSubject).text());
        internet.send("carol@outside.example", bob.address(), message("carol@outside.example", bob.address(), normalSubject).text());

        SmtpDeliveredMail.awaitInInbox(server, bob.address(), bob.password(), normalSubject);
        assertThat(SmtpDeliveredMail.subjectsInInbox(server, bob.address(), bob.password())).doesNotContain(loopSubject);
    }

    private static SmtpSink.Received awaitReceived(SmtpSink peer, String recipient, String subject) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200))
            .until(() -> peer.receivedFor(recipient).stream().anyMatch(mail -> mail.text().contains(subject)));
        return peer.receivedFor(recipient).stream().filter(mail -> mail.text().contains(subject)).findFirst().orElseThrow();
    }

    private static InboundMessage message(String from, String to, String subject) {
        return InboundMessage.from("Carol", from).to(to).subject(subject).body("Hello Bob,\nsee you on Monday.\n").build();
    }

    private static String receivedFields(int count) {
        StringBuilder fields = new StringBuilder();
        for (int hop = count; hop >= 1; hop--) {
            fields.append("Received: from relay").append(hop).append(".outside.example (relay").append(hop)
                .append(".outside.example [192.0.2.").append(hop).append("]) by relay").append(hop + 1)
                .append(".outside.example with ESMTP; Mon, 2 Mar 2026 10:").append(String.format("%02d", hop % 60))
                .append(":00 +0100\n");
        }
        return fields.toString();
    }

    /** The loop limit of conf/mailetcontainer.xml's root processor ({@code RelayLimit=<n>}). */
    private static int relayLimit(TestWorkingDirectory directory) {
        Matcher limit = Pattern.compile("match=\"RelayLimit=(\\d+)\"").matcher(directory.readConf("mailetcontainer.xml"));
        if (!limit.find()) {
            throw new IllegalStateException("conf/mailetcontainer.xml has no RelayLimit matcher: update this test");
        }
        return Integer.parseInt(limit.group(1));
    }

    private static void routes(TestWorkingDirectory directory) {
        RoutingConf.transportMap(directory,
            "# TransportMapRoutingTest",
            HELD_FOR_RELEASE + "   hold",
            HELD_IN_SPLIT + "      hold",
            "partner.example         relay:[127.0.0.1]:" + SMARTHOST.port() + " tls=may auth=file://conf/partner.credentials",
            "forbidden.example       reject:\"Mail to forbidden.example is not allowed\"",
            "*                       relay:[127.0.0.1]:" + DEFAULT_ROUTE.port() + " tls=may");
        RoutingConf.credentials(directory, "partner.credentials", RELAY_USER, RELAY_PASSWORD);
    }
}
