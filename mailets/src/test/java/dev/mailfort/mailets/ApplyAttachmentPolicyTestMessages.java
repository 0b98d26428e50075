/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;

/** Messages for the mailet tests. */
final class ApplyAttachmentPolicyTestMessages {

    static final byte[] HARMLESS = "quarterly figures".getBytes(StandardCharsets.US_ASCII);

    private ApplyAttachmentPolicyTestMessages() {
    }

    /** The start of a Windows executable: a DOS header pointing at a PE signature. */
    static byte[] peExecutable() {
        byte[] file = new byte[512];
        file[0] = 'M';
        file[1] = 'Z';
        file[0x3C] = (byte) 0x80;
        file[0x80] = 'P';
        file[0x81] = 'E';
        return file;
    }

    static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    static MimeMessageBuilder.BodyPartBuilder text(String text) {
        return MimeMessageBuilder.bodyPartBuilder().data(text);
    }

    static MimeMessageBuilder.BodyPartBuilder attachment(String fileName, String type, byte[] content) {
        return MimeMessageBuilder.bodyPartBuilder().data(content).type(type).filename(fileName)
                .disposition("attachment");
    }

    static MimeMessage withAttachments(MimeMessageBuilder.BodyPartBuilder... parts) throws MessagingException {
        return MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("alice@example.com")
                .addToRecipient("bob@example.net")
                .setSubject("figures")
                .addHeader("Message-ID", "<original-id@example.com>")
                .setMultipartWithBodyParts(parts)
                .build();
    }

    static MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }
}
