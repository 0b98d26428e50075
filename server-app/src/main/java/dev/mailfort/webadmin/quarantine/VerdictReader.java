/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import dev.mailfort.scanning.attachments.AttachmentAttributes;
import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.rspamd.RspamdAttributes;

/**
 * Reads the scanners' verdicts from a mail's attributes. Every attribute is optional: a mail may have been held by a
 * hand-written rule, before a scanner ran, or by an older version, and must still be listed.
 */
final class VerdictReader {
    private static final String OUR_PREFIX = "mailfort.";

    private VerdictReader() {
    }

    static Verdict read(Mail mail) {
        Map<String, Object> attributes = new TreeMap<>();
        mail.attributes()
            .filter(attribute -> attribute.getName().asString().startsWith(OUR_PREFIX))
            .forEach(attribute -> attributes.put(attribute.getName().asString(), plain(attribute.getValue())));
        return new Verdict(summary(mail), attributes);
    }

    // In pipeline order, so that the check that held the mail usually comes last.
    private static String summary(Mail mail) {
        List<String> parts = new ArrayList<>();
        string(mail, ClamAVAttributes.SIGNATURE).ifPresent(signature -> parts.add("virus: " + signature));
        List<String> findings = strings(mail, AttachmentAttributes.FINDINGS);
        if (!findings.isEmpty()) {
            parts.add("attachment: " + String.join("; ", findings));
        } else if (string(mail, AttachmentAttributes.STATUS).filter(AttachmentAttributes.STATUS_BLOCKED::equals).isPresent()) {
            parts.add("attachment: blocked");
        }
        string(mail, RspamdAttributes.ACTION).ifPresent(action -> parts.add("spam: " + action
            + number(mail, RspamdAttributes.SCORE).map(score -> ", score " + score
                + number(mail, RspamdAttributes.REQUIRED_SCORE).map(required -> " / " + required).orElse(""))
                .orElse("")));
        return parts.isEmpty() ? null : String.join(" | ", parts);
    }

    private static Optional<Object> value(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name))
            .map(Attribute::getValue)
            .map(AttributeValue::getValue);
    }

    private static Optional<String> string(Mail mail, String name) {
        return value(mail, name).map(String::valueOf).filter(text -> !text.isBlank());
    }

    private static Optional<Number> number(Mail mail, String name) {
        return value(mail, name).filter(Number.class::isInstance).map(Number.class::cast);
    }

    private static List<String> strings(Mail mail, String name) {
        return value(mail, name)
            .filter(Collection.class::isInstance)
            .map(collection -> ((Collection<?>) collection).stream()
                .map(VerdictReader::plain)
                .map(String::valueOf)
                .collect(Collectors.toList()))
            .orElse(List.of());
    }

    /** Unwraps James's attribute values into what Jackson writes as plain JSON: strings, numbers, lists, maps. */
    static Object plain(Object value) {
        if (value instanceof AttributeValue<?> wrapped) {
            return plain(wrapped.getValue());
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(VerdictReader::plain).orElse(null);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(VerdictReader::plain).collect(Collectors.toList());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((key, entry) -> result.put(String.valueOf(key), plain(entry)));
            return result;
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return "(" + bytes.length + " bytes)";
        }
        // dates, serialized objects: their text form, never a Java object graph in the answer.
        return String.valueOf(value);
    }
}
