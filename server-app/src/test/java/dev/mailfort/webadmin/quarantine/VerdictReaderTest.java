/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.attachments.AttachmentAttributes;
import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.rspamd.RspamdAttributes;

class VerdictReaderTest {
    @Test
    void aVirusVerdictNamesTheSignature() throws Exception {
        MailImpl mail = mail(
            attribute(ClamAVAttributes.STATUS, AttributeValue.of("infected")),
            attribute(ClamAVAttributes.SIGNATURE, AttributeValue.of("Eicar-Signature")));

        Verdict verdict = VerdictReader.read(mail);

        assertThat(verdict.summary()).isEqualTo("virus: Eicar-Signature");
        assertThat(verdict.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
            "mailfort.clamav.status", "infected",
            "mailfort.clamav.signature", "Eicar-Signature"));
    }

    @Test
    void attachmentFindingsAreListed() throws Exception {
        MailImpl mail = mail(
            attribute(AttachmentAttributes.STATUS, AttributeValue.of("blocked")),
            attribute(AttachmentAttributes.FINDINGS, AttributeValue.of(List.<AttributeValue<?>>of(
                AttributeValue.of("invoice.pdf.exe: double extension"), AttributeValue.of("a.docm: macros")))));

        Verdict verdict = VerdictReader.read(mail);

        assertThat(verdict.summary()).isEqualTo("attachment: invoice.pdf.exe: double extension; a.docm: macros");
        assertThat(verdict.attributes().get("mailfort.attachments.findings"))
            .isEqualTo(List.of("invoice.pdf.exe: double extension", "a.docm: macros"));
    }

    @Test
    void aSpamVerdictGivesActionAndScoresAndKeepsTheSymbols() throws Exception {
        MailImpl mail = mail(
            attribute(RspamdAttributes.ACTION, AttributeValue.of("reject")),
            attribute(RspamdAttributes.SCORE, AttributeValue.of(1001.5)),
            attribute(RspamdAttributes.REQUIRED_SCORE, AttributeValue.of(15.0)),
            attribute(RspamdAttributes.SYMBOLS, AttributeValue.of(Map.<String, AttributeValue<?>>of(
                "GTUBE", AttributeValue.of(0.0)))));

        Verdict verdict = VerdictReader.read(mail);

        assertThat(verdict.summary()).isEqualTo("spam: reject, score 1001.5 / 15.0");
        assertThat(verdict.attributes().get("mailfort.rspamd.symbols")).isEqualTo(Map.of("GTUBE", 0.0));
    }

    @Test
    void aMailWithoutVerdictHasNoSummaryAndOtherAttributesStayPrivate() throws Exception {
        MailImpl mail = mail(attribute("org.apache.james.internal", AttributeValue.of("secret")));

        Verdict verdict = VerdictReader.read(mail);

        assertThat(verdict.summary()).isNull();
        assertThat(verdict.attributes()).isEmpty();
    }

    private static Attribute attribute(String name, AttributeValue<?> value) {
        return new Attribute(AttributeName.of(name), value);
    }

    private static MailImpl mail(Attribute... attributes) throws Exception {
        MailImpl.Builder builder = MailImpl.builder().name("held").sender("alice@sender.example").addRecipient("bob@example.com");
        for (Attribute attribute : attributes) {
            builder.addAttribute(attribute);
        }
        return builder.build();
    }
}
