/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.mailfort.senderauth.SenderAuthAttributes;

class SenderIsAllowedByRecipientTest {
    private static final String BOB = "bob@example.com";
    private static final String CAROL = "carol@example.com";
    private static final String PARTNER = "news@partner.example";

    private final InMemorySenderAllowList allowList = new InMemorySenderAllowList();
    private final SenderIsAllowedByRecipient matcher = new SenderIsAllowedByRecipient(allowList);

    @Test
    void matchesARecipientThatAllowsTheDmarcAuthenticatedSender() throws Exception {
        allow(BOB, PARTNER);

        Mail mail = mail("bounces@partner.example", "Partner News <" + PARTNER + ">", List.of(BOB),
            Map.of(SenderAuthAttributes.DMARC_RESULT, "pass", SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example"));

        assertThat(matcher.match(mail)).containsExactly(new MailAddress(BOB));
    }

    @Test
    void matchesOnlyTheRecipientsThatAllowTheSender() throws Exception {
        allow(BOB, PARTNER);

        Mail mail = mail("bounces@partner.example", PARTNER, List.of(BOB, CAROL), dmarcPass());

        assertThat(matcher.match(mail)).containsExactly(new MailAddress(BOB));
    }

    @Test
    void addressesAreComparedWithoutCase() throws Exception {
        allow("Bob@Example.com", "News@Partner.example");

        Mail mail = mail("bounces@partner.example", "NEWS@PARTNER.EXAMPLE", List.of(BOB), dmarcPass());

        assertThat(matcher.match(mail)).containsExactly(new MailAddress(BOB));
    }

    @Test
    void aForgedFromThatNothingAuthenticatedIsNotAllowed() throws Exception {
        allow(BOB, PARTNER);

        Mail forged = mail("x@attacker.example", PARTNER, List.of(BOB),
            Map.of(SenderAuthAttributes.DMARC_RESULT, "none", SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example",
                SenderAuthAttributes.SPF_RESULT, "pass", SenderAuthAttributes.DKIM_PASSING_DOMAINS, "attacker.example"));

        assertThat(matcher.match(forged)).isEmpty();
    }

    @Test
    void aDmarcFailureIsNotAllowedEvenWithAnAlignedSpfPassOfAnotherMode() throws Exception {
        allow(BOB, PARTNER);

        // The domain's own policy (strict alignment, say) failed it: its rules win over our relaxed fallback.
        Mail mail = mail("bounces@mail.partner.example", PARTNER, List.of(BOB),
            Map.of(SenderAuthAttributes.DMARC_RESULT, "fail", SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example",
                SenderAuthAttributes.SPF_RESULT, "pass"));

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void mailTheSenderCheckNeverSawIsNotAllowed() throws Exception {
        allow(BOB, PARTNER);

        // From one of our authenticated users, or made by the server: no verdicts at all.
        Mail mail = mail("bounces@partner.example", PARTNER, List.of(BOB), Map.of());

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void withoutADmarcPolicyAnAlignedDkimPassAuthenticates() throws Exception {
        allow(BOB, PARTNER);

        Mail mail = mail("bounces@esp.example", PARTNER, List.of(BOB),
            Map.of(SenderAuthAttributes.DMARC_RESULT, "none", SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example",
                SenderAuthAttributes.SPF_RESULT, "pass", SenderAuthAttributes.DKIM_PASSING_DOMAINS, "esp.example,mail.partner.example"));

        assertThat(matcher.match(mail)).containsExactly(new MailAddress(BOB));
    }

    @Test
    void withoutADmarcPolicyAnSpfPassAlignedWithTheFromDomainAuthenticates() throws Exception {
        allow(BOB, PARTNER);

        Mail mail = mail("bounces@mail.partner.example", PARTNER, List.of(BOB),
            Map.of(SenderAuthAttributes.DMARC_RESULT, "none", SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example",
                SenderAuthAttributes.SPF_RESULT, "pass", SenderAuthAttributes.DKIM_PASSING_DOMAINS, ""));

        assertThat(matcher.match(mail)).containsExactly(new MailAddress(BOB));
    }

    @Test
    void aFromChangedAfterTheCheckIsNotAllowed() throws Exception {
        allow(BOB, PARTNER);

        // The verdict was for another domain than the From the mail now carries.
        Mail mail = mail("bounces@partner.example", PARTNER, List.of(BOB),
            Map.of(SenderAuthAttributes.DMARC_RESULT, "pass", SenderAuthAttributes.HEADER_FROM_DOMAIN, "other.example"));

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void aFromWithSeveralAddressesIsNotAllowed() throws Exception {
        allow(BOB, PARTNER);

        Mail mail = mail("bounces@partner.example", PARTNER + ", ceo@partner.example", List.of(BOB), dmarcPass());

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void aSenderNobodyAllowedIsNotMatched() throws Exception {
        allow(BOB, "someone-else@partner.example");

        assertThat(matcher.match(mail("bounces@partner.example", PARTNER, List.of(BOB), dmarcPass()))).isEmpty();
    }

    @Test
    void anUnreadableListMatchesNobodySoTheMailTakesTheNormalPath() throws Exception {
        SenderIsAllowedByRecipient failing = new SenderIsAllowedByRecipient(new InMemorySenderAllowList() {
            @Override
            public boolean contains(String recipient, String sender) {
                throw new IllegalStateException("Cassandra is down");
            }
        });

        assertThat(failing.match(mail("bounces@partner.example", PARTNER, List.of(BOB), dmarcPass()))).isEmpty();
    }

    private void allow(String recipient, String sender) {
        allowList.add(new AllowedSender(recipient, sender, "test", Instant.EPOCH));
    }

    private static Map<String, String> dmarcPass() {
        return Map.of(SenderAuthAttributes.DMARC_RESULT, "pass", SenderAuthAttributes.HEADER_FROM_DOMAIN, "partner.example");
    }

    private static Mail mail(String mailFrom, String from, List<String> recipients, Map<String, String> attributes)
            throws Exception {
        String text = "From: " + from + "\r\nTo: " + recipients.get(0) + "\r\nSubject: Offer\r\n\r\nBuy now.\r\n";
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new java.util.Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        MailImpl.Builder builder = MailImpl.builder().name("mail-1").sender(mailFrom).mimeMessage(message);
        for (String recipient : recipients) {
            builder.addRecipient(recipient);
        }
        MailImpl mail = builder.build();
        attributes.forEach((name, value) ->
            mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value))));
        return mail;
    }
}
