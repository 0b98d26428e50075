/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.AddressMappings;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * Sub-addressing: mail for {@code user+tag@} is accepted when {@code user@} is, and delivered to {@code user}'s
 * INBOX (conf/smtpserver.xml RefuseUnknownRecipient, conf/mailetcontainer.xml DeliverSubAddressToBaseUser), with the
 * tagged address still in To: for the user's filters.
 */
class SubAddressingTest {
    private static final String DOMAIN = "example.com";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private final InternetSender internet = new InternetSender(server);

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @Test
    void taggedAddressOfAUserIsAcceptedAtRcpt() {
        MailUser alice = MailUser.create(server, "alice", DOMAIN);
        String tagged = tagged(alice, "news");
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:<" + tagged + ">")).isEqualTo("250 2.1.5 Recipient <" + tagged + "> OK");
        }
    }

    @Test
    void taggedAddressOfNobodyIsRefusedAtRcptWith550() {
        try (LineDialogue smtp = mxSession()) {
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).startsWith("250 ");

            assertThat(smtp.smtp("RCPT TO:<unknown+news@example.com>"))
                .isEqualTo("550 5.1.1 Unknown user: unknown+news@example.com");
            assertThat(smtp.smtp("RCPT TO:<+news@example.com>")).isEqualTo("550 5.1.1 Unknown user: +news@example.com");
        }
    }

    @Test
    void mailForATaggedAddressLandsInTheUsersInbox() throws Exception {
        MailUser alice = MailUser.create(server, "alice", DOMAIN);
        String tagged = tagged(alice, "shop");

        internet.send("shop@sender.example", tagged, message(tagged, "Your order"));

        MailboxCounts.awaitMessageCount(server, alice, "INBOX", 1);
        try (Store store = MailClients.imaps(server, alice.address(), alice.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message delivered = inbox.getMessage(1);
            assertThat(delivered.getHeader("To")).containsExactly("<" + tagged + ">");
            assertThat(delivered.getHeader("Delivered-To")).contains(alice.address());
            inbox.close(false);
        }
    }

    @Test
    void mailForATaggedAliasLandsInTheInboxOfTheAliasedUser() {
        MailUser alice = MailUser.create(server, "alice", DOMAIN);
        String alias = "sales-for-" + alice.address().substring(0, alice.address().indexOf('@')) + "@" + DOMAIN;
        AddressMappings.of(server).alias(alias, alice.address());
        String tagged = alias.replace("@", "+fair@");

        internet.send("visitor@sender.example", tagged, message(tagged, "Met you at the fair"));

        MailboxCounts.awaitMessageCount(server, alice, "INBOX", 1);
    }

    @Test
    void taggedMailCanBeFiledByTheUsersSieveRule() {
        MailUser alice = MailUser.create(server, "alice", DOMAIN);
        String script = """
            require ["fileinto"];
            if header :contains "To" "+lists@" {
                fileinto "Lists";
            }
            """;
        assertThat(server.webAdmin().put("/sieve/" + URLEncoder.encode(alice.address(), StandardCharsets.UTF_8)
            + "/scripts/tags?activate=true", script).status()).isEqualTo(204);
        String tagged = tagged(alice, "lists");

        internet.send("list@sender.example", tagged, message(tagged, "Digest"));

        MailboxCounts.awaitMessageCount(server, alice, "Lists", 1);
        assertThat(MailboxCounts.messageCount(server, alice, "INBOX").orElse(0)).isZero();
    }

    @Test
    void spamForATaggedAddressStillLandsInJunk() {
        MailUser alice = MailUser.create(server, "alice", DOMAIN);
        String tagged = tagged(alice, "promo");

        internet.send("newsletter@sender.example", tagged, message(tagged, "Cheap watches")
            .replace("MIME-Version: 1.0\n", "MIME-Version: 1.0\n" + RspamdTestMail.TRIGGER_HEADER + ": "
                + RspamdTestMail.ADD_HEADER_TRIGGER + "\n"));

        MailboxCounts.awaitMessageCount(server, alice, "Junk", 1);
        assertThat(MailboxCounts.messageCount(server, alice, "INBOX").orElse(0)).isZero();
    }

    private static String tagged(MailUser user, String tag) {
        return user.address().replace("@", "+" + tag + "@");
    }

    private static String message(String to, String subject) {
        return InboundMessage.from("Sender", "someone@sender.example").to(to).subject(subject)
            .body("Hello,\n\nA few words about " + subject + ".\n").build().text();
    }

    private static LineDialogue mxSession() {
        LineDialogue smtp = SmtpSessions.greeted(server.port(25));
        assertThat(smtp.smtp("EHLO " + SmtpSessions.CLIENT_NAME)).startsWith("250");
        return smtp;
    }
}
