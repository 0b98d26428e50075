/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.rspamd.RspamdEnvelope;

/** The envelope from facts the caller gives (SMTP hooks); the one read from the mail is in {@link ScanWithRspamdTest}. */
class RspamdMailEnvelopeTest {
    @Test
    void takesTheClientFactsItIsGiven() throws Exception {
        RspamdEnvelope envelope = RspamdMailEnvelope.of(mail(), "192.0.2.10", "mx.example.com",
            Optional.of("mx.example.com"), Optional.of("alice@example.com"));

        assertThat(envelope.clientAddress()).contains("192.0.2.10");
        assertThat(envelope.clientHostname()).contains("mx.example.com");
        assertThat(envelope.helo()).contains("mx.example.com");
        assertThat(envelope.authenticatedUser()).contains("alice@example.com");
        assertThat(envelope.mailFrom()).contains("alice@example.com");
        assertThat(envelope.recipients()).containsExactly("bob@example.org", "carol@example.org");
        assertThat(envelope.queueId()).contains("Mail1700000000-7");
    }

    @Test
    void hasNoHostnameWhenItIsTheAddress() throws Exception {
        RspamdEnvelope envelope = RspamdMailEnvelope.of(mail(), "192.0.2.10", "192.0.2.10", Optional.empty(),
            Optional.empty());

        assertThat(envelope.clientHostname()).isEmpty();
    }

    private static Mail mail() throws Exception {
        return FakeMail.builder()
            .name("Mail1700000000-7")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Hello").setText("Hello Bob"))
            .sender("alice@example.com")
            .recipients("bob@example.org", "carol@example.org")
            .build();
    }
}
