/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import javax.mail.search.SubjectTerm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.DkimTestKey;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.dns.DnsmasqZone;
import dev.mailfort.testing.dns.LocalDnsmasq;

/**
 * SPF, DKIM and DMARC on the MX port (25) in the whole server, against a real DNS server on loopback (dnsmasq)
 * serving the test zone: the CheckSenderAuthenticity hook of the production smtpserver.xml, pointed at it. Every
 * client is 127.0.0.1, with HELO mail.sender.example; corp.example is our domain.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SenderAuthenticityTest {
    private static final String AUTHSERV_ID = "mx.corp.example";
    private static final DkimTestKey SIGNED_KEY = DkimTestKey.rsa2048();
    private static final LocalDnsmasq DNS = LocalDnsmasq.start(DnsmasqZone.local("example")
        .address("mail.sender.example", "127.0.0.1")
        .txt("mail.sender.example", "v=spf1 a -all")
        .txt("sender.example", "v=spf1 ip4:127.0.0.1 -all")
        .txt("signed.example", "v=spf1 ?all")
        .txt("_dmarc.signed.example", "v=DMARC1; p=reject")
        .txt("s1._domainkey.signed.example", SIGNED_KEY.keyRecord())
        .txt("bank.example", "v=spf1 ip4:192.0.2.1 -all")
        .txt("_dmarc.bank.example", "v=DMARC1; p=reject")
        .txt("shop.example", "v=spf1 ip4:192.0.2.1 -all")
        .txt("_dmarc.shop.example", "v=DMARC1; p=quarantine")
        .txt("corp.example", "v=spf1 ip4:192.0.2.1 -all"));

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(directory -> {
        directory.useDnsServer(DNS.host(), DNS.port());
        String smtp = directory.readConf("smtpserver.xml");
        assertThat(smtp).contains("<authservId></authservId>");
        directory.replaceConf("smtpserver.xml", smtp
            .replace("<authservId></authservId>", "<authservId>" + AUTHSERV_ID + "</authservId>")
            // TestWorkingDirectory lets DNS failures through, for the classes that have no DNS server.
            .replace("<onTemporaryError>accept</onTemporaryError>", "<onTemporaryError>tempfail</onTemporaryError>")
            // With dnsmasq stopped, a query waits no longer than this.
            .replace("<dnsTimeout>5s</dnsTimeout>", "<dnsTimeout>2s</dnsTimeout>"));
    });

    private static MailUser bob;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("corp.example");
        bob = MailUser.create(server, "bob", "corp.example");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    @Order(1)
    void dkimSignedMailOfAnAlignedDomainIsDeliveredWithDmarcPass() throws Exception {
        String signed = SIGNED_KEY.sign(message("news@signed.example", "Signed newsletter"), "signed.example", "s1");

        assertThat(transmit("bounce@signed.example", signed)).startsWith("250 ");

        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 1);
        String[] results = inboxHeader("Signed newsletter", "Authentication-Results");
        assertThat(results).hasSize(1);
        assertThat(results[0]).startsWith(AUTHSERV_ID + ";")
            .contains("dkim=pass (signature verified) header.d=signed.example header.s=s1")
            .contains("dmarc=pass (p=reject dis=none; DKIM passed for aligned d=signed.example) "
                + "header.from=signed.example");
    }

    @Test
    @Order(2)
    void forgedAuthenticationResultsClaimingOurAuthservIdAreReplaced() throws Exception {
        String forged = "Authentication-Results: " + AUTHSERV_ID + "; dmarc=pass header.from=bank.example\r\n"
            + message("alice@sender.example", "Forged results");

        assertThat(transmit("alice@sender.example", forged)).startsWith("250 ");

        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 2);
        String[] results = inboxHeader("Forged results", "Authentication-Results");
        assertThat(results).hasSize(1);
        assertThat(results[0]).startsWith(AUTHSERV_ID + ";")
            .contains("spf=pass (sender.example matched ip4) smtp.mailfrom=alice@sender.example")
            .doesNotContain("bank.example");
    }

    @Test
    @Order(3)
    void forgedFromOfARejectDomainIsRefusedAtData() {
        assertThat(transmit("bounce@sender.example", message("security@bank.example", "Verify your account")))
            .isEqualTo("550 5.7.1 Message rejected: the From domain bank.example is not authenticated (SPF and "
                + "DKIM fail DMARC) and the DMARC policy of bank.example is p=reject");
    }

    @Test
    @Order(4)
    void forgedFromOfAQuarantineDomainLandsInJunk() {
        assertThat(transmit("bounce@sender.example", message("offers@shop.example", "Special offer")))
            .startsWith("250 ");

        MailboxCounts.awaitMessageCount(server, bob, "Junk", 1);
    }

    @Test
    @Order(5)
    void ourDomainInTheHeaderFromOfAnOutsiderIsRefused() {
        assertThat(transmit("bounce@sender.example", message("ceo@corp.example", "Urgent wire transfer")))
            .isEqualTo("550 5.7.1 Forged sender: corp.example in From is a domain of this server, and the "
                + "message is not authenticated for it");
    }

    @Test
    @Order(6)
    void rejectDomainIsDeferredWhileTheDnsIsDown() {
        DNS.close();

        assertThat(transmit("bounce@sender.example", message("security@bank.example", "Verify your account")))
            .isEqualTo("451 4.7.1 Cannot check the DMARC policy of bank.example now (DNS failure), try again later");
    }

    /** One SMTP transaction to bob on port 25; returns the reply to the end of DATA. */
    private static String transmit(String mailFrom, String message) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + mailFrom + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + bob.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            String lines = message.endsWith("\r\n") ? message.substring(0, message.length() - 2) : message;
            for (String line : lines.split("\r\n", -1)) {
                smtp.send(line.startsWith(".") ? "." + line : line);
            }
            String reply = smtp.smtp(".");
            smtp.smtp("QUIT");
            return reply;
        }
    }

    private static String message(String from, String subject) {
        return "From: " + from + "\r\n"
            + "To: <" + bob.address() + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Mon, 2 Mar 2026 10:15:00 +0100\r\n"
            + "Message-ID: <" + subject.replace(' ', '-').toLowerCase() + "@sender.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "here is the information we discussed on the phone this morning.\r\n"
            + "Best regards\r\n";
    }

    private static String[] inboxHeader(String subject, String name) throws Exception {
        try (Store store = MailClients.imaps(server, bob.address(), bob.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] found = inbox.search(new SubjectTerm(subject));
                assertThat(found).hasSize(1);
                String[] values = found[0].getHeader(name);
                return values == null ? new String[0] : values;
            } finally {
                inbox.close(false);
            }
        }
    }
}
