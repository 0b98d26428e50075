/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.dns.DnsmasqZone;
import dev.mailfort.testing.dns.LocalDnsmasq;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * The production smtpserver.xml, in-session rspamd check included: GTUBE (rspamd's reject) is refused with 550 during
 * the dialogue, unless every recipient allows the authenticated From (partner.example passes SPF and DMARC from
 * 127.0.0.1, served by dnsmasq); then it is accepted and delivered to the inbox.
 */
class SpamFromAllowedSenderInSessionTest {
    private static final String DOMAIN = "corp.example";
    private static final String PARTNER = "news@partner.example";
    private static final String SPAM_REFUSED = "550 5.7.1 Message refused as spam";
    private static final AtomicInteger MESSAGE_IDS = new AtomicInteger();
    private static final LocalDnsmasq DNS = LocalDnsmasq.start(DnsmasqZone.local("example")
        .txt("partner.example", "v=spf1 ip4:127.0.0.1 -all")
        .txt("_dmarc.partner.example", "v=DMARC1; p=none"));

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(directory ->
        directory.useDnsServer(DNS.host(), DNS.port()));

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void rejectedSpamIsAcceptedAndDeliveredWhenEveryRecipientAllowsTheAuthenticatedSender() {
        MailUser bob = MailUser.create(server, "bob", DOMAIN);
        allow(bob);

        assertThat(transmit("bounces@partner.example", List.of(bob), gtube(bob))).startsWith("250 ");

        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 1);
    }

    @Test
    void rejectedSpamIsRefusedWhenOneRecipientDoesNotAllowTheSender() {
        MailUser carol = MailUser.create(server, "carol", DOMAIN);
        MailUser dave = MailUser.create(server, "dave", DOMAIN);
        allow(carol);

        assertThat(transmit("bounces@partner.example", List.of(carol, dave), gtube(carol))).isEqualTo(SPAM_REFUSED);
    }

    @Test
    void rejectedSpamWithTheAllowedFromForgedFromElsewhereIsRefused() {
        MailUser erin = MailUser.create(server, "erin", DOMAIN);
        allow(erin);

        assertThat(transmit("x@forger.example", List.of(erin), gtube(erin))).isEqualTo(SPAM_REFUSED);
    }

    private static void allow(MailUser recipient) {
        assertThat(server.webAdmin().put("/allowlist/" + encode(recipient.address()) + "/senders/" + encode(PARTNER),
            "").status()).isEqualTo(204);
    }

    /** One transaction on port 25; returns the reply to the end of DATA. */
    private static String transmit(String mailFrom, List<MailUser> recipients, String message) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.partner.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + mailFrom + ">")).startsWith("250 ");
            for (MailUser recipient : recipients) {
                assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            }
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            message.lines().forEach(smtp::send);
            String reply = smtp.smtp(".");
            smtp.smtp("QUIT");
            return reply;
        }
    }

    private static String gtube(MailUser to) {
        return "From: Partner News <" + PARTNER + ">\n"
            + "To: <" + to.address() + ">\n"
            + "Subject: Partner offers\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0000\n"
            + "Message-ID: <in-session-" + MESSAGE_IDS.incrementAndGet() + "@partner.example>\n"
            + "\n"
            + "This is a test message.\n"
            + RspamdTestMail.GTUBE + "\n";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
