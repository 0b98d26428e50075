/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.monitoring;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;

import dev.mailfort.scanning.attachments.AttachmentAttributes;
import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.senderauth.SenderAuthAttributes;

/**
 * The fields of one decision about one message, in a fixed order: what was decided, the identifiers an admin
 * searches by (queue ID, Message-ID), the envelope, and every verdict recorded on the mail so far.
 *
 * <p>Only envelope, identifiers and verdicts: never the subject, never a byte of the body, never credentials (the
 * authenticated user's name is an identifier, its password never reaches a Mail).
 */
public final class DecisionLine {
    static final int MAX_RECIPIENTS_LISTED = 20;
    static final int MAX_VALUE_LENGTH = 256;

    private static final String DELIVERY_PATH_PREFIX = "DeliveryPath_";
    private static final AttributeName AUTH_USER = AttributeName.of("org.apache.james.SMTPAuthUser");

    private final Map<String, String> fields;

    private DecisionLine(Map<String, String> fields) {
        this.fields = fields;
    }

    public static DecisionLine of(Mail mail, String decision, Optional<String> reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("decision", decision);
        reason.ifPresent(value -> fields.put("reason", value));
        fields.put("queue_id", mail.getName());
        messageId(mail).ifPresent(value -> fields.put("message_id", value));
        fields.put("from", mail.getMaybeSender().asOptional().map(MailAddress::asString).map(DecisionLine::angled)
            .orElse("<>"));
        fields.put("to", recipients(mail.getRecipients()));
        fields.put("size", String.valueOf(size(mail)));
        Optional.ofNullable(mail.getRemoteAddr()).ifPresent(value -> fields.put("client", value));
        string(mail, AUTH_USER).ifPresent(value -> fields.put("auth", value));
        string(mail, AttributeName.of(ClamAVAttributes.STATUS)).ifPresent(status -> fields.put("clamav",
            string(mail, AttributeName.of(ClamAVAttributes.SIGNATURE)).map(sig -> status + ":" + sig).orElse(status)));
        string(mail, AttributeName.of(AttachmentAttributes.STATUS)).ifPresent(value -> fields.put("attachments", value));
        rspamd(mail).ifPresent(value -> fields.put("rspamd", value));
        string(mail, AttributeName.of(SenderAuthAttributes.SPF_RESULT)).ifPresent(value -> fields.put("spf", value));
        string(mail, AttributeName.of(SenderAuthAttributes.DKIM_RESULT)).ifPresent(value -> fields.put("dkim", value));
        string(mail, AttributeName.of(SenderAuthAttributes.DMARC_RESULT)).ifPresent(value -> fields.put("dmarc", value));
        folder(mail).ifPresent(value -> fields.put("folder", value));
        return new DecisionLine(fields);
    }

    public Map<String, String> fields() {
        return Map.copyOf(fields);
    }

    /** {@code key=value} pairs separated by spaces; a value with spaces, quotes or {@code =} is double-quoted. */
    public String text() {
        return fields.entrySet().stream()
            .map(field -> field.getKey() + "=" + quotedIfNeeded(clean(field.getValue(), limitFor(field.getKey()))))
            .collect(Collectors.joining(" "));
    }

    /** The recipient list is already bounded by its count; other values could be anything a sender wrote. */
    static int limitFor(String key) {
        return "to".equals(key) ? MAX_RECIPIENTS_LISTED * 330 : MAX_VALUE_LENGTH;
    }

    /**
     * Control characters (a forged Message-ID with CR LF could fake a second log line) become spaces; a value
     * longer than {@code limit} is cut.
     */
    static String clean(String value, int limit) {
        StringBuilder cleaned = new StringBuilder(Math.min(value.length(), limit));
        for (int i = 0; i < value.length() && cleaned.length() < limit; i++) {
            char c = value.charAt(i);
            cleaned.append(Character.isISOControl(c) ? ' ' : c);
        }
        return cleaned.length() < value.length() ? cleaned + "..." : cleaned.toString();
    }

    private static String quotedIfNeeded(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String recipients(Collection<MailAddress> recipients) {
        String listed = recipients.stream().limit(MAX_RECIPIENTS_LISTED)
            .map(MailAddress::asString).map(DecisionLine::angled).collect(Collectors.joining(","));
        int more = recipients.size() - MAX_RECIPIENTS_LISTED;
        return more > 0 ? listed + ",+" + more + " more" : listed;
    }

    private static String angled(String address) {
        return "<" + address + ">";
    }

    private static Optional<String> messageId(Mail mail) {
        try {
            return Optional.ofNullable(mail.getMessage()).map(message -> {
                try {
                    return message.getHeader("Message-ID", null);
                } catch (MessagingException e) {
                    return null;
                }
            }).map(String::trim);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return -1;
        }
    }

    private static Optional<String> rspamd(Mail mail) {
        Optional<String> action = string(mail, AttributeName.of(RspamdAttributes.ACTION));
        Optional<String> status = string(mail, AttributeName.of(RspamdAttributes.STATUS));
        Optional<String> score = AttributeUtils.getAttributeValueFromMail(mail, AttributeName.of(RspamdAttributes.SCORE))
            .map(String::valueOf);
        if (action.isEmpty()) {
            return status;
        }
        return Optional.of(action.get() + score.map(value -> "/" + value).orElse(""));
    }

    /** The folder a storage directive (Junk for spam, a Sieve fileinto) asks for; INBOX when there is none. */
    private static Optional<String> folder(Mail mail) {
        return mail.attributeNames()
            .filter(name -> name.asString().startsWith(DELIVERY_PATH_PREFIX))
            .findFirst()
            .flatMap(name -> string(mail, name));
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return AttributeUtils.getAttributeValueFromMail(mail, name).map(String::valueOf);
    }
}
