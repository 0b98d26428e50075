/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;
import javax.mail.search.SubjectTerm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dkim.DkimKeyAlgorithm;
import dev.mailfort.senderauth.dkim.DkimPublicKeyRecord;
import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dkim.PemPrivateKeys;
import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.e2e.support.SmtpSink;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;

/**
 * Who may send as whom, and what recipients get told about it: on submission a user may use only its own addresses
 * (its own, aliases, alias domains) in MAIL FROM and in the From field; mail from outside whose display name poses
 * as one of our users is marked; mail leaving for other domains carries DKIM signatures (RSA and Ed25519) that our
 * own verifier accepts. Outbound mail goes to a loopback {@link SmtpSink} (RemoteDelivery's gateway); DKIM keys are
 * made for this run and put where conf/mailetcontainer.xml looks for them ({@code file://var/dkim/}).
 */
class SenderIdentityAndDkimTest {
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PASSWORD = "alice-Secret-42";
    private static final String BOB = "bob@example.com";
    private static final String BOB_PASSWORD = "bob-Secret-42";
    private static final String ALICE_ALIAS = "sales@example.com";
    private static final String ALIAS_DOMAIN = "example.org";

    private static final KeyPair RSA = DkimKeyAlgorithm.RSA.generate();
    private static final KeyPair ED25519 = DkimKeyAlgorithm.ED25519.generate();
    private static final SmtpSink REMOTE = SmtpSink.start();

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(SenderIdentityAndDkimTest::prepare);

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        server.webAdmin().addDomain(ALIAS_DOMAIN);
        server.webAdmin().addUser(ALICE, ALICE_PASSWORD);
        server.webAdmin().addUser(BOB, BOB_PASSWORD);
        assertThat(server.webAdmin().put("/address/aliases/" + ALICE + "/sources/" + ALICE_ALIAS, "").status())
            .isEqualTo(204);
        assertThat(server.webAdmin().put("/domains/example.com/aliases/" + ALIAS_DOMAIN, "").status()).isEqualTo(204);
    }

    @AfterAll
    static void stopRemote() {
        REMOTE.close();
    }

    @Test
    void mailFromOfAColleagueIsRefusedOnSubmission() {
        try (LineDialogue smtp = submissionAsAlice()) {
            assertThat(smtp.smtp("MAIL FROM:<" + BOB + ">"))
                .isEqualTo("550 5.7.1 <bob@example.com> is not one of your addresses");
        }
    }

    @Test
    void fromHeaderOfAColleagueIsRefusedAtTheEndOfData() {
        try (LineDialogue smtp = submissionAsAlice()) {
            assertThat(smtp.smtp("MAIL FROM:<" + ALICE + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<erin@partner.example>")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            message(smtp, "Bob <" + BOB + ">", "erin@partner.example", "Signed by Bob, honestly");

            assertThat(smtp.smtp(".")).isEqualTo("550 5.7.1 From: header <bob@example.com> is not one of your addresses");
        }
        assertThat(REMOTE.receivedFor("erin@partner.example")).noneMatch(mail -> mail.text().contains("honestly"));
    }

    @Test
    void anAliasOfOnesOwnIsAcceptedInEnvelopeAndHeaderOnImplicitTls() throws Exception {
        String subject = "From the sales alias " + UUID.randomUUID();
        try (LineDialogue smtp = SmtpSessions.authenticate(SmtpSessions.encryptedWithImplicitTls(server.port(465)),
                ALICE, ALICE_PASSWORD)) {
            assertThat(smtp.smtp("MAIL FROM:<" + ALICE_ALIAS + ">")).isEqualTo("250 2.1.0 Sender <sales@example.com> OK");
            assertThat(smtp.smtp("RCPT TO:<" + BOB + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            message(smtp, "Sales <" + ALICE_ALIAS + ">", BOB, subject);
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
        }

        MimeMessage delivered = awaitInInbox(BOB, BOB_PASSWORD, subject);
        assertThat(delivered.getHeader("X-Mailfort-External")).as("mail of our own user is not external").isNull();
    }

    @Test
    void anAddressInAnAliasDomainIsAccepted() {
        try (LineDialogue smtp = submissionAsAlice()) {
            assertThat(smtp.smtp("MAIL FROM:<alice@example.org>")).isEqualTo("250 2.1.0 Sender <alice@example.org> OK");
            assertThat(smtp.smtp("RCPT TO:<" + BOB + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            message(smtp, "Alice <alice@example.org>", BOB, "From the alias domain " + UUID.randomUUID());
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
        }
    }

    @Test
    void externalSenderPosingAsALocalUserIsMarkedForTheRecipient() throws Exception {
        String subject = "Urgent wire transfer " + UUID.randomUUID();
        try (LineDialogue smtp = SmtpSessions.greeted(server.port(25))) {
            assertThat(smtp.smtp("EHLO mail.freemail.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<alice.ceo@freemail.example>")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + BOB + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            message(smtp, "Alice <alice.ceo@freemail.example>", BOB, subject);
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
        }

        MimeMessage delivered = awaitInInbox(BOB, BOB_PASSWORD, subject);
        assertThat(delivered.getSubject()).isEqualTo("[EXTERNAL] " + subject);
        assertThat(delivered.getHeader("X-Mailfort-External")).containsExactly("yes");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(delivered.getHeader("X-Mailfort-Impersonation")[0])))
            .contains("our user alice@example.com").contains("alice.ceo@freemail.example");
    }

    @Test
    void outboundMailCarriesRsaAndEd25519SignaturesThatOurVerifierAccepts() throws Exception {
        String subject = "Figures for Erin " + UUID.randomUUID();
        try (LineDialogue smtp = submissionAsAlice()) {
            assertThat(smtp.smtp("MAIL FROM:<" + ALICE + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<erin@partner.example>")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            message(smtp, "Alice <" + ALICE + ">", "erin@partner.example", subject);
            assertThat(smtp.smtp(".")).isEqualTo("250 2.6.0 Message received");
        }

        AtomicReference<SmtpSink.Received> sent = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            sent.set(REMOTE.receivedFor("erin@partner.example").stream()
                .filter(mail -> mail.text().contains(subject)).findFirst().orElse(null));
            return sent.get() != null;
        });
        assertThat(sent.get().text()).startsWith("DKIM-Signature:");
        List<DkimSignatureVerdict> verdicts = new DkimChecker(publishedKeys()).verify(sent.get().data());
        assertThat(verdicts).extracting(DkimSignatureVerdict::algorithm).containsExactly("rsa-sha256", "ed25519-sha256");
        assertThat(verdicts).allSatisfy(verdict -> {
            assertThat(verdict.result()).as(verdict.reason()).isEqualTo(DkimResult.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
        });
    }

    private static LineDialogue submissionAsAlice() {
        return SmtpSessions.authenticate(SmtpSessions.encryptedWithStartTls(server.port(587)), ALICE, ALICE_PASSWORD);
    }

    /** A well-formed message (rspamd greylists sloppy ones), without the final dot. */
    private static void message(LineDialogue smtp, String from, String to, String subject) {
        smtp.send("From: " + from)
            .send("To: <" + to + ">")
            .send("Date: Thu, 26 Nov 2026 10:00:00 +0000")
            .send("Message-ID: <" + UUID.randomUUID() + "@client.sender.example>")
            .send("Subject: " + subject)
            .send("MIME-Version: 1.0")
            .send("Content-Type: text/plain; charset=utf-8")
            .send("")
            .send("Hello, here are the figures we talked about on Monday.")
            .send("Best regards.");
    }

    /** The mail with this subject (or a prefixed one) in the user's INBOX, copied out of the IMAP session. */
    private static MimeMessage awaitInInbox(String user, String password, String subject) throws MessagingException {
        try (Store store = MailClients.imaps(server, user, password)) {
            Folder inbox = store.getFolder("INBOX");
            AtomicReference<MimeMessage> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                inbox.open(Folder.READ_ONLY);
                try {
                    Message[] matches = inbox.search(new SubjectTerm(subject));
                    found.set(matches.length == 0 ? null : new MimeMessage((MimeMessage) matches[0]));
                } finally {
                    inbox.close(false);
                }
                return found.get() != null;
            });
            return found.get();
        }
    }

    private static DnsResolver publishedKeys() {
        Map<String, String> zone = Map.of(
            "rsa2026._domainkey.example.com", DkimPublicKeyRecord.of(RSA.getPublic()),
            "ed2026._domainkey.example.com", DkimPublicKeyRecord.of(ED25519.getPublic()));
        return (name, type) -> {
            String record = zone.get(name.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
            return record == null ? DnsAnswer.nxdomain() : DnsAnswer.found(List.of(record));
        };
    }

    /** Keys where SignWithDkim reads them, and outbound mail to the sink instead of a real MX. */
    private static void prepare(TestWorkingDirectory directory) {
        try {
            Path keys = directory.root().resolve("var/dkim/example.com");
            Files.createDirectories(keys);
            Files.writeString(keys.resolve("rsa2026.rsa.pem"), PemPrivateKeys.encode(RSA.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(keys.resolve("ed2026.ed25519.pem"), PemPrivateKeys.encode(ED25519.getPrivate()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String mailets = directory.readConf("mailetcontainer.xml");
        String remoteDelivery = "<mailet match=\"All\" class=\"RemoteDelivery\">";
        if (!mailets.contains(remoteDelivery)) {
            throw new IllegalStateException("conf/mailetcontainer.xml has no RemoteDelivery: update this test");
        }
        directory.replaceConf("mailetcontainer.xml", mailets.replace(remoteDelivery, remoteDelivery
            + "<gateway>127.0.0.1</gateway><gatewayPort>" + REMOTE.port() + "</gatewayPort>"));
    }
}
