/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import dev.mailfort.scanning.attachments.AttachmentFinding;
import dev.mailfort.scanning.attachments.AttachmentVerdict;

/**
 * Builds a copy of a message in which every part with a blocking finding is replaced by a short text/plain notice
 * naming the file and the reason. The original message is left untouched, so that a failed rewrite changes
 * nothing.
 *
 * <p>Parts are found by the IMAP section numbers the policy reports. A part inside an attached message is removed
 * with the whole attached message (the notice says so), which keeps the rewrite to the top-level structure mail
 * clients show. The copy keeps the original Message-ID.
 */
final class StripBlockedAttachments {

    private StripBlockedAttachments() {
    }

    /** The rewritten copy, or empty when a blocking finding points at no part that can be replaced. */
    static Optional<MimeMessage> strip(MimeMessage original, AttachmentVerdict verdict)
            throws MessagingException, IOException {
        if (!verdict.isStrippable()) {
            return Optional.empty();
        }
        Map<String, List<AttachmentFinding>> byPath = verdict.blockingFindings().stream()
                .collect(Collectors.groupingBy(AttachmentFinding::partPath, LinkedHashMap::new, Collectors.toList()));
        MimeMessage copy = new KeepingMessageId(original);
        int replaced;
        if (copy.isMimeType("multipart/*")) {
            replaced = stripChildren((MimeMultipart) copy.getContent(), "", byPath);
        } else if (byPath.keySet().stream().anyMatch(path -> path.equals("1") || path.startsWith("1."))) {
            // a message whose single body is the blocked content: the body becomes the notice
            copy.setText(notice(findingsUnder("1", byPath)), StandardCharsets.UTF_8.name());
            replaced = 1;
        } else {
            replaced = 0;
        }
        if (replaced == 0) {
            return Optional.empty();
        }
        copy.saveChanges();
        return Optional.of(copy);
    }

    private static int stripChildren(MimeMultipart multipart, String parentPath,
                                     Map<String, List<AttachmentFinding>> byPath) throws MessagingException,
            IOException {
        int replaced = 0;
        for (int i = 0; i < multipart.getCount(); i++) {
            String path = parentPath.isEmpty() ? Integer.toString(i + 1) : parentPath + "." + (i + 1);
            List<AttachmentFinding> findings = findingsUnder(path, byPath);
            if (findings.isEmpty()) {
                continue;
            }
            BodyPart part = multipart.getBodyPart(i);
            if (!byPath.containsKey(path) && part.isMimeType("multipart/*")) {
                replaced += stripChildren((MimeMultipart) part.getContent(), path, byPath);
                continue;
            }
            multipart.removeBodyPart(i);
            multipart.addBodyPart(noticePart(findings), i);
            replaced++;
        }
        return replaced;
    }

    private static List<AttachmentFinding> findingsUnder(String path, Map<String, List<AttachmentFinding>> byPath) {
        return byPath.entrySet().stream()
                .filter(entry -> entry.getKey().equals(path) || entry.getKey().startsWith(path + "."))
                .flatMap(entry -> entry.getValue().stream())
                .toList();
    }

    private static MimeBodyPart noticePart(List<AttachmentFinding> findings) throws MessagingException {
        MimeBodyPart notice = new MimeBodyPart();
        notice.setText(notice(findings), StandardCharsets.UTF_8.name());
        notice.setDisposition(Part.INLINE);
        return notice;
    }

    static String notice(List<AttachmentFinding> findings) {
        StringBuilder text = new StringBuilder("An attachment was removed from this message by the mail server's "
                + "attachment policy.\r\n\r\n");
        for (AttachmentFinding finding : findings) {
            String name = finding.displayName().isEmpty() ? "(unnamed part " + finding.partPath() + ")"
                    : finding.displayName();
            text.append("  ").append(ApplyAttachmentPolicy.readable(name)).append(": ").append(finding.reason().label());
            if (!finding.detail().isEmpty()) {
                text.append(" (").append(ApplyAttachmentPolicy.readable(finding.detail())).append(')');
            }
            text.append("\r\n");
        }
        text.append("\r\nAsk your mail administrator if you need the original.\r\n");
        return text.toString();
    }

    /** {@code saveChanges} would give the copy a new Message-ID and break the conversation's threading. */
    private static final class KeepingMessageId extends MimeMessage {
        KeepingMessageId(MimeMessage source) throws MessagingException {
            super(source);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
