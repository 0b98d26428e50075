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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * The quarantine workflow as an admin lives it: mail held by the pipeline, then reviewed, released or deleted over
 * WebAdmin's {@code /quarantine} routes. The test pipeline stands in for ClamAV: a mail carrying
 * {@code X-Test-Quarantine} gets the attributes ScanWithClamAV sets on infected mail and goes to the virus quarantine;
 * the processors after it stamp a header, so that a released mail shows where it re-entered the pipeline.
 */
class QuarantineWorkflowTest {
    private static final String TEST_PIPELINE = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mailetcontainer enableJmx="false">
            <context>
                <postmaster>postmaster@example.com</postmaster>
            </context>
            <spooler>
                <threads>4</threads>
                <errorRepository>cassandra://var/mail/error/</errorRepository>
            </spooler>
            <processors>
                <processor state="root">
                    <mailet match="HasHeader=X-Test-Quarantine" class="SetMailAttribute">
                        <mailfort.clamav.status>infected</mailfort.clamav.status>
                        <mailfort.clamav.signature>Eicar-Test-Signature</mailfort.clamav.signature>
                    </mailet>
                    <mailet match="HasHeader=X-Test-Quarantine" class="ToRepository">
                        <repositoryPath>cassandra://var/mail/quarantine/virus/</repositoryPath>
                    </mailet>
                    <mailet match="All" class="ToProcessor">
                        <processor>transport</processor>
                    </mailet>
                </processor>
                <processor state="attachment-scan">
                    <mailet match="All" class="SetMimeHeader">
                        <name>X-Released-Through</name>
                        <value>attachment-scan</value>
                    </mailet>
                    <mailet match="All" class="MailAttributesToMimeHeaders">
                        <simplemapping>mailfort.clamav.signature; X-Held-Signature</simplemapping>
                    </mailet>
                    <mailet match="All" class="ToProcessor">
                        <processor>spam-scan</processor>
                    </mailet>
                </processor>
                <processor state="spam-scan">
                    <mailet match="All" class="ToProcessor">
                        <processor>transport</processor>
                    </mailet>
                </processor>
                <processor state="transport">
                    <mailet match="All" class="RemoveMimeHeader">
                        <name>bcc</name>
                    </mailet>
                    <mailet match="RecipientIsLocal" class="LocalDelivery"/>
                    <mailet match="All" class="Null"/>
                </processor>
                <processor state="error">
                    <mailet match="All" class="ToRepository">
                        <repositoryPath>cassandra://var/mail/error/</repositoryPath>
                    </mailet>
                </processor>
            </processors>
        </mailetcontainer>
        """;
    private static final String SENDER = "alice@sender.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension()
        .withConf(conf -> {
            conf.replaceConf("mailetcontainer.xml", TEST_PIPELINE);
            // The routes are under test here, not rspamd: its verdicts would only add noise to what is held.
            conf.removeSmtpHandler(CheckSpamBeforeAccepting.class.getName());
        });


    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @Test
    void listShowsTheHeldMailWithReasonVerdictSenderRecipientsSubjectDateAndSize() throws Exception {
        MailUser bob = MailUser.create(server, "bob", "example.com");
        Instant before = Instant.now().minusSeconds(1);

        sendHeld(List.of(bob), "Invoice attached", "Please pay.");
        JsonNode held = awaitHeld(bob).get(0);

        assertThat(held.get("reason").asText()).isEqualTo("virus");
        assertThat(held.get("key").asText()).isNotBlank();
        assertThat(held.at("/verdict/summary").asText()).isEqualTo("virus: Eicar-Test-Signature");
        assertThat(held.at("/verdict/attributes/mailfort.clamav.signature").asText()).isEqualTo("Eicar-Test-Signature");
        assertThat(held.at("/verdict/attributes/mailfort.clamav.status").asText()).isEqualTo("infected");
        assertThat(held.get("sender").asText()).isEqualTo(SENDER);
        assertThat(texts(held.get("recipients"))).containsExactly(bob.address());
        assertThat(held.get("subject").asText()).isEqualTo("Invoice attached");
        assertThat(Instant.parse(held.get("date").asText())).isAfter(before);
        assertThat(held.get("size").asLong()).isPositive();
        assertThat(MailboxCounts.messageCount(server, bob, "INBOX").orElse(0)).isZero();
    }

    @Test
    void listFiltersByReason() throws Exception {
        MailUser carol = MailUser.create(server, "carol", "example.com");
        sendHeld(List.of(carol), "Filtered by reason", "text");
        awaitHeld(carol);

        assertThat(json(get("/quarantine?reason=virus&recipient=" + encode(carol.address())))).hasSize(1);
        assertThat(json(get("/quarantine?reason=spam&recipient=" + encode(carol.address())))).isEmpty();
        assertThat(json(get("/quarantine?reason=attachment&recipient=" + encode(carol.address())))).isEmpty();
    }

    @Test
    void listFiltersByRecipientAndShowsTheNewestFirst() throws Exception {
        MailUser dave = MailUser.create(server, "dave", "example.com");
        MailUser erin = MailUser.create(server, "erin", "example.com");
        sendHeld(List.of(dave), "First for Dave", "1");
        awaitHeld(dave);
        sendHeld(List.of(erin), "For Erin", "2");
        awaitHeld(erin);
        sendHeld(List.of(dave), "Second for Dave", "3");

        await().atMost(Duration.ofSeconds(30)).until(() -> listFor(dave).size() == 2);
        assertThat(listFor(dave)).extracting(mail -> mail.get("subject").asText())
            .containsExactly("Second for Dave", "First for Dave");
        assertThat(listFor(erin)).extracting(mail -> mail.get("subject").asText()).containsExactly("For Erin");
        assertThat(json(get("/quarantine?recipient=" + encode(dave.address()) + "&limit=1")))
            .extracting(mail -> mail.get("subject").asText()).containsExactly("Second for Dave");
        assertThat(json(get("/quarantine?recipient=" + encode(dave.address()) + "&offset=1")))
            .extracting(mail -> mail.get("subject").asText()).containsExactly("First for Dave");
    }

    @Test
    void anUnknownReasonFilterOrAnInvalidRecipientIsABadRequest() throws Exception {
        WebAdminClient.Response unknownReason = get("/quarantine?reason=phishing");
        WebAdminClient.Response invalidRecipient = get("/quarantine?recipient=" + encode("not an address"));

        assertThat(unknownReason.status()).isEqualTo(400);
        assertThat(JSON.readTree(unknownReason.body()).get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(invalidRecipient.status()).isEqualTo(400);
    }

    @Test
    void viewShowsHeadersAndTheDecodedPlainTextNeverTheHtml() throws Exception {
        MailUser frank = MailUser.create(server, "frank", "example.com");
        sendHeld(List.of(frank), List.of(
            "Subject: =?UTF-8?Q?Facture_=E2=82=AC?=",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"alt\"",
            "",
            "--alt",
            "Content-Type: text/html; charset=UTF-8",
            "",
            "<p>Click <script>steal()</script></p>",
            "--alt",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Montant d=C3=BB : 42 =E2=82=AC",
            "--alt--"));
        String key = awaitHeld(frank).get(0).get("key").asText();

        WebAdminClient.Response response = get("/quarantine/virus/" + encode(key));

        assertThat(response.status()).isEqualTo(200);
        JsonNode mail = JSON.readTree(response.body());
        assertThat(mail.get("subject").asText()).isEqualTo("Facture €");
        assertThat(mail.get("releaseProcessor").asText()).isEqualTo("attachment-scan");
        assertThat(mail.at("/verdict/summary").asText()).isEqualTo("virus: Eicar-Test-Signature");
        assertThat(headerNames(mail)).contains("Subject", "X-Test-Quarantine", "Content-Type", "Received");
        assertThat(mail.at("/textPreview/text").asText()).isEqualTo("Montant dû : 42 €");
        assertThat(mail.at("/textPreview/truncated").asBoolean()).isFalse();
        assertThat(response.body()).doesNotContain("steal()");
    }

    @Test
    void viewOfMalformedMimeAnswersWithWhatCanBeReadNotAnError() throws Exception {
        MailUser grace = MailUser.create(server, "grace", "example.com");
        sendHeld(List.of(grace), List.of(
            "Subject: Broken structure",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"declared-but-never-used\"",
            "Content-Transfer-Encoding: base64",
            "",
            "this is not base64 !!! and no boundary follows"));
        String key = awaitHeld(grace).get(0).get("key").asText();

        WebAdminClient.Response response = get("/quarantine/virus/" + encode(key));

        assertThat(response.status()).isEqualTo(200);
        JsonNode mail = JSON.readTree(response.body());
        assertThat(mail.get("subject").asText()).isEqualTo("Broken structure");
        assertThat(mail.at("/textPreview/text").isNull()).isTrue();
        assertThat(mail.at("/textPreview/problem").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("\tat ");
    }

    @Test
    void releaseDeliversAfterTheCheckThatHeldTheMailAndEmptiesTheQuarantine() throws Exception {
        MailUser heidi = MailUser.create(server, "heidi", "example.com");
        sendHeld(List.of(heidi), "Released one", "Not a virus after all.");
        String key = awaitHeld(heidi).get(0).get("key").asText();

        WebAdminClient.Response response = post("/quarantine/virus/" + encode(key) + "/release");

        assertThat(response.status()).isEqualTo(200);
        JsonNode released = JSON.readTree(response.body());
        assertThat(released.get("action").asText()).isEqualTo("released");
        assertThat(released.get("key").asText()).isEqualTo(key);
        assertThat(released.get("processor").asText()).isEqualTo("attachment-scan");
        assertThat(texts(released.get("recipients"))).containsExactly(heidi.address());
        MailboxCounts.awaitMessageCount(server, heidi, "INBOX", 1);
        assertThat(listFor(heidi)).isEmpty();
        assertThat(get("/quarantine/virus/" + encode(key)).status()).isEqualTo(404);
        try (Store store = MailClients.imaps(server, heidi.address(), heidi.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message message = inbox.getMessage(1);
            assertThat(message.getSubject()).isEqualTo("Released one");
            // Entered at attachment-scan, not root (root would have held it again), with its attributes intact.
            assertThat(message.getHeader("X-Released-Through")).containsExactly("attachment-scan");
            assertThat(message.getHeader("X-Held-Signature")).containsExactly("Eicar-Test-Signature");
            inbox.close(false);
        }
    }

    @Test
    void releaseDeliversToEveryOriginalRecipient() throws Exception {
        MailUser ivan = MailUser.create(server, "ivan", "example.com");
        MailUser judy = MailUser.create(server, "judy", "example.com");
        sendHeld(List.of(ivan, judy), "For both of you", "Hello both.");
        JsonNode held = awaitHeld(ivan).get(0);
        assertThat(texts(held.get("recipients"))).containsExactlyInAnyOrder(ivan.address(), judy.address());

        WebAdminClient.Response response = post("/quarantine/virus/" + encode(held.get("key").asText()) + "/release");

        assertThat(response.status()).isEqualTo(200);
        MailboxCounts.awaitMessageCount(server, ivan, "INBOX", 1);
        MailboxCounts.awaitMessageCount(server, judy, "INBOX", 1);
        assertThat(listFor(judy)).isEmpty();
    }

    @Test
    void deleteRemovesTheMailForGood() throws Exception {
        MailUser mallory = MailUser.create(server, "mallory", "example.com");
        sendHeld(List.of(mallory), "To be deleted", "bye");
        String key = awaitHeld(mallory).get(0).get("key").asText();

        WebAdminClient.Response deleted = server.webAdmin().delete("/quarantine/virus/" + encode(key));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(listFor(mallory)).isEmpty();
        assertThat(get("/quarantine/virus/" + encode(key)).status()).isEqualTo(404);
        assertThat(server.webAdmin().delete("/quarantine/virus/" + encode(key)).status()).isEqualTo(404);
        assertThat(post("/quarantine/virus/" + encode(key) + "/release").status()).isEqualTo(404);
        assertThat(MailboxCounts.messageCount(server, mallory, "INBOX").orElse(0)).isZero();
    }

    @Test
    void anUnknownKeyIsNotFoundEverywhere() throws Exception {
        WebAdminClient.Response view = get("/quarantine/virus/no-such-mail");
        WebAdminClient.Response release = post("/quarantine/virus/no-such-mail/release");
        WebAdminClient.Response delete = server.webAdmin().delete("/quarantine/virus/no-such-mail");

        assertThat(view.status()).isEqualTo(404);
        assertThat(JSON.readTree(view.body()).get("type").asText()).isEqualTo("notFound");
        assertThat(JSON.readTree(view.body()).get("message").asText()).isEqualTo("No mail 'no-such-mail' in the 'virus' quarantine");
        assertThat(release.status()).isEqualTo(404);
        assertThat(delete.status()).isEqualTo(404);
    }

    @Test
    void anUnknownReasonIsNotFound() throws Exception {
        WebAdminClient.Response view = get("/quarantine/phishing/some-key");
        WebAdminClient.Response release = post("/quarantine/phishing/some-key/release");

        assertThat(view.status()).isEqualTo(404);
        assertThat(JSON.readTree(view.body()).get("message").asText())
            .isEqualTo("Unknown quarantine reason 'phishing', expecting one of [virus, attachment, spam]");
        assertThat(release.status()).isEqualTo(404);
    }

    private static void sendHeld(List<MailUser> recipients, String subject, String body) {
        sendHeld(recipients, List.of("Subject: " + subject, "", body));
    }

    /** Sends a mail the test pipeline holds, from the Internet (port 25); {@code lines} are headers then body. */
    private static void sendHeld(List<MailUser> recipients, List<String> lines) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
            for (MailUser recipient : recipients) {
                assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            }
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: Alice <" + SENDER + ">")
                .send("To: " + recipients.get(0).address())
                .send("X-Test-Quarantine: yes");
            lines.forEach(smtp::send);
            assertThat(smtp.smtp(".")).startsWith("250 ");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }
    }

    private List<JsonNode> awaitHeld(MailUser recipient) throws IOException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> !listFor(recipient).isEmpty());
        return listFor(recipient);
    }

    private List<JsonNode> listFor(MailUser recipient) throws IOException {
        return json(get("/quarantine?recipient=" + encode(recipient.address())));
    }

    private static List<JsonNode> json(WebAdminClient.Response response) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> nodes = new ArrayList<>();
        JSON.readTree(response.body()).forEach(nodes::add);
        return nodes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> headerNames(JsonNode mail) {
        List<String> names = new ArrayList<>();
        mail.get("headers").forEach(header -> names.add(header.get("name").asText()));
        return names;
    }

    private static WebAdminClient.Response get(String path) {
        return server.webAdmin().get(path);
    }

    private static WebAdminClient.Response post(String path) {
        return server.webAdmin().post(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
