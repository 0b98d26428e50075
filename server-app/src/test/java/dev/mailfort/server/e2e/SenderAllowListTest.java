/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting;
import dev.mailfort.server.e2e.support.AttachedFile;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.Quarantines;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.dns.DnsmasqZone;
import dev.mailfort.testing.dns.LocalDnsmasq;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * The sender allow list in the whole server (production pipeline, real rspamd, clamd, Cassandra, and dnsmasq serving
 * the senders' SPF and DMARC records): spam from partner.example, whose mail passes DMARC from 127.0.0.1, is held
 * until an admin releases it and allows the sender; then that sender's spam reaches the recipient's inbox, while
 * a forged From, a virus, and other recipients are held as before.
 *
 * <p>The in-session rspamd check is taken out of smtpserver.xml: it would refuse GTUBE with 550 before anything
 * could be held, and what is under test is the hold and its release. (Its own allow-list rule is tested in
 * CheckSpamBeforeAcceptingAllowListTest and SpamFromAllowedSenderInSessionTest.)
 */
class SenderAllowListTest {
    private static final String DOMAIN = "corp.example";
    private static final String PARTNER = "news@partner.example";
    private static final String PARTNER_BOUNCES = "bounces@partner.example";
    private static final AtomicInteger MESSAGE_IDS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDnsmasq DNS = LocalDnsmasq.start(DnsmasqZone.local("example")
        .address("mail.sender.example", "127.0.0.1")
        .txt("mail.sender.example", "v=spf1 a -all")
        .txt("partner.example", "v=spf1 ip4:127.0.0.1 -all")
        .txt("_dmarc.partner.example", "v=DMARC1; p=none")
        .txt("corp.example", "v=spf1 ip4:192.0.2.1 -all"));

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(directory -> {
        directory.useDnsServer(DNS.host(), DNS.port());
        directory.removeSmtpHandler(CheckSpamBeforeAccepting.class.getName());
    });

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void releaseAndAllowDeliversTheHeldSpamAndTheSendersNextSpamGoesToTheInbox() throws Exception {
        MailUser bob = MailUser.create(server, "bob", DOMAIN);
        send(PARTNER_BOUNCES, List.of(bob), gtube(PARTNER, bob, "Held then released"));
        String key = awaitHeldSpam(bob).get("key").asText();

        WebAdminClient.Response response = server.webAdmin()
            .post("/quarantine/spam/" + encode(key) + "/release-and-allow-sender");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("action").asText()).isEqualTo("released-and-allowed");
        assertThat(answer.get("sender").asText()).isEqualTo(PARTNER);
        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 1);
        assertThat(spamHeldFor(bob)).isEmpty();
        assertThat(entries()).contains(bob.address() + " " + PARTNER);

        send(PARTNER_BOUNCES, List.of(bob), gtube(PARTNER, bob, "Next one"));

        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 2);
        assertThat(MailboxCounts.messageCount(server, bob, "Junk").orElse(0)).isZero();
        assertThat(spamHeldFor(bob)).isEmpty();
        try (Store store = MailClients.imaps(server, bob.address(), bob.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message next = inbox.getMessage(2);
            assertThat(next.getSubject()).isEqualTo("Next one");
            // rspamd's verdict stays visible to the user and to filters.
            assertThat(next.getHeader("X-Spam-Action")).containsExactly("reject");
            inbox.close(false);
        }
    }

    @Test
    void spamWithTheAllowedFromForgedFromAnUnauthenticatedSourceIsStillHeld() throws Exception {
        MailUser carol = MailUser.create(server, "carol", DOMAIN);
        allow(carol, PARTNER);

        // MAIL FROM forger.example: SPF has nothing to say for it, nothing aligns with partner.example, DMARC fails
        // (p=none, so the mail is accepted, and then judged as spam like any other).
        send("x@forger.example", List.of(carol), gtube(PARTNER, carol, "Forged partner"));

        awaitHeldSpam(carol);
        assertThat(MailboxCounts.messageCount(server, carol, "INBOX").orElse(0)).isZero();
    }

    @Test
    void aVirusFromAnAllowedSenderIsStillQuarantined() {
        MailUser dave = MailUser.create(server, "dave", DOMAIN);
        allow(dave, PARTNER);

        send(PARTNER_BOUNCES, List.of(dave), withEicar(PARTNER, dave));

        Quarantines.awaitHeldFor(server, Quarantines.VIRUS, dave);
        assertThat(MailboxCounts.messageCount(server, dave, "INBOX").orElse(0)).isZero();
    }

    @Test
    void spamForSeveralRecipientsIsHeldOnlyForThoseWhoDoNotAllowTheSender() throws Exception {
        MailUser erin = MailUser.create(server, "erin", DOMAIN);
        MailUser frank = MailUser.create(server, "frank", DOMAIN);
        allow(erin, PARTNER);

        send(PARTNER_BOUNCES, List.of(erin, frank), gtube(PARTNER, erin, "For both"));

        MailboxCounts.awaitMessageCount(server, erin, "INBOX", 1);
        JsonNode held = awaitHeldSpam(frank);
        assertThat(texts(held.get("recipients"))).containsExactly(frank.address());
        assertThat(spamHeldFor(erin)).isEmpty();
        assertThat(MailboxCounts.messageCount(server, frank, "INBOX").orElse(0)).isZero();
    }

    @Test
    void markedSpamFromAnAllowedSenderSkipsTheJunkFolder() {
        MailUser grace = MailUser.create(server, "grace", DOMAIN);
        allow(grace, PARTNER);

        send(PARTNER_BOUNCES, List.of(grace), header(PARTNER, grace, "Weekly offers")
            + RspamdTestMail.TRIGGER_HEADER + ": " + RspamdTestMail.ADD_HEADER_TRIGGER + "\n\nOffers.\n");

        MailboxCounts.awaitMessageCount(server, grace, "INBOX", 1);
        assertThat(MailboxCounts.messageCount(server, grace, "Junk").orElse(0)).isZero();
    }

    @Test
    void releaseAndAllowOfAMailWhoseSenderIsNotAuthenticatedIsRefusedAndTheMailStaysHeld() throws Exception {
        MailUser heidi = MailUser.create(server, "heidi", DOMAIN);
        send("x@forger.example", List.of(heidi), gtube(PARTNER, heidi, "Forged, then released by mistake?"));
        String key = awaitHeldSpam(heidi).get("key").asText();

        WebAdminClient.Response response = server.webAdmin()
            .post("/quarantine/spam/" + encode(key) + "/release-and-allow-sender");

        assertThat(response.status()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("not authenticated");
        assertThat(spamHeldFor(heidi)).hasSize(1);
        assertThat(entries()).noneMatch(entry -> entry.startsWith(heidi.address() + " "));
    }

    @Test
    void releaseAndAllowIsOnlyForTheSpamQuarantine() throws Exception {
        WebAdminClient.Response response = server.webAdmin()
            .post("/quarantine/virus/some-key/release-and-allow-sender");

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void aRemovedEntryNoLongerLetsTheSendersSpamThrough() throws Exception {
        MailUser ivan = MailUser.create(server, "ivan", DOMAIN);
        allow(ivan, PARTNER);

        WebAdminClient.Response removed = server.webAdmin().delete(entryPath(ivan, PARTNER));
        send(PARTNER_BOUNCES, List.of(ivan), gtube(PARTNER, ivan, "After removal"));

        assertThat(removed.status()).isEqualTo(204);
        assertThat(server.webAdmin().delete(entryPath(ivan, PARTNER)).status()).isEqualTo(404);
        awaitHeldSpam(ivan);
        assertThat(MailboxCounts.messageCount(server, ivan, "INBOX").orElse(0)).isZero();
    }

    private static void allow(MailUser recipient, String sender) {
        WebAdminClient.Response response = server.webAdmin().put(entryPath(recipient, sender), "");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private static String entryPath(MailUser recipient, String sender) {
        return "/allowlist/" + encode(recipient.address()) + "/senders/" + encode(sender);
    }

    private static List<String> entries() throws IOException {
        WebAdminClient.Response response = server.webAdmin().get("/allowlist");
        assertThat(response.status()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        JSON.readTree(response.body()).forEach(entry ->
            entries.add(entry.get("recipient").asText() + " " + entry.get("sender").asText()));
        return entries;
    }

    private static JsonNode awaitHeldSpam(MailUser recipient) throws IOException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
            .until(() -> !spamHeldFor(recipient).isEmpty());
        return spamHeldFor(recipient).get(0);
    }

    private static List<JsonNode> spamHeldFor(MailUser recipient) throws IOException {
        WebAdminClient.Response response = server.webAdmin()
            .get("/quarantine?reason=spam&recipient=" + encode(recipient.address()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> held = new ArrayList<>();
        JSON.readTree(response.body()).forEach(held::add);
        return held;
    }

    /** One SMTP transaction on port 25 from 127.0.0.1 (HELO mail.sender.example), as a server on the Internet. */
    private static void send(String mailFrom, List<MailUser> recipients, String message) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + mailFrom + ">")).startsWith("250 ");
            for (MailUser recipient : recipients) {
                assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            }
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            String lines = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
            for (String line : lines.split("\n", -1)) {
                smtp.send(line.startsWith(".") ? "." + line : line);
            }
            assertThat(smtp.smtp(".")).as("end of DATA").startsWith("250 ");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }
    }

    private static String header(String from, MailUser to, String subject) {
        return "From: Partner News <" + from + ">\n"
            + "To: <" + to.address() + ">\n"
            + "Subject: " + subject + "\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0000\n"
            + "Message-ID: <allow-" + MESSAGE_IDS.incrementAndGet() + "@partner.example>\n";
    }

    private static String gtube(String from, MailUser to, String subject) {
        return header(from, to, subject) + "\nThis is a test message.\n" + RspamdTestMail.GTUBE + "\n";
    }

    private static String withEicar(String from, MailUser to) {
        return header(from, to, "The file") + AttachedFile.eicar("Please see the attachment.");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
