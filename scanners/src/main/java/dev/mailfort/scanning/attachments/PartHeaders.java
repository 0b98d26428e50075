/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * The {@code Content-*} header fields of one MIME entity, kept as a list rather than first-wins: two
 * Content-Type or Content-Transfer-Encoding fields that disagree make the entity ambiguous (the parser here takes
 * the first, some mail clients the last), and every file name in every field is checked.
 */
final class PartHeaders {

    static final Set<String> KNOWN_TRANSFER_ENCODINGS = Set.of("7bit", "8bit", "binary", "base64",
            "quoted-printable");
    static final Set<String> UUENCODE_TRANSFER_ENCODINGS = Set.of("x-uuencode", "uuencode", "x-uue", "uue");

    private final List<String> mediaTypes = new ArrayList<>(1);
    private final List<String> transferEncodings = new ArrayList<>(1);
    private final List<String> names = new ArrayList<>(2);
    private boolean multipartWithoutBoundary;

    void add(Field field) {
        String name = field.getName() == null ? "" : field.getName().trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "content-type" -> addContentType(field);
            case "content-transfer-encoding" -> transferEncodings.add(
                    field.getBody() == null ? "" : field.getBody().trim().toLowerCase(Locale.ROOT));
            case "content-disposition" -> addNames(MimeFileNames.of(field, "filename"));
            default -> {
                // other fields say nothing about content
            }
        }
    }

    private void addContentType(Field field) {
        RawField raw = field instanceof RawField rawField ? rawField : new RawField(field.getName(), field.getBody());
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(raw);
        String mediaType = body.getValue() == null ? "" : body.getValue().trim().toLowerCase(Locale.ROOT);
        mediaTypes.add(mediaType);
        if (mediaTypes.size() == 1 && mediaType.startsWith("multipart/")) {
            boolean boundary = false;
            for (NameValuePair parameter : body.getParams()) {
                boundary |= "boundary".equalsIgnoreCase(parameter.getName()) && parameter.getValue() != null
                        && !parameter.getValue().isEmpty();
            }
            multipartWithoutBoundary = !boundary;
        }
        addNames(MimeFileNames.of(field, "name"));
    }

    private void addNames(List<String> found) {
        for (String name : found) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
    }

    /** Every file name found, Content-Disposition's first when it came first. */
    List<String> fileNames() {
        return names;
    }

    /** The media type of the first Content-Type field, lower case; empty when there is none. */
    String declaredMediaType() {
        return mediaTypes.isEmpty() ? "" : mediaTypes.get(0);
    }

    String transferEncoding() {
        return transferEncodings.isEmpty() ? "" : transferEncodings.get(0);
    }

    /** Why the entity means different things to different parsers; null when it does not. */
    String ambiguity() {
        if (mediaTypes.stream().distinct().count() > 1) {
            return "conflicting Content-Type fields: " + String.join(", ", mediaTypes);
        }
        if (transferEncodings.stream().distinct().count() > 1) {
            return "conflicting Content-Transfer-Encoding fields: " + String.join(", ", transferEncodings);
        }
        if (multipartWithoutBoundary) {
            return "multipart without a boundary";
        }
        String encoding = transferEncoding();
        if (!encoding.isEmpty() && !KNOWN_TRANSFER_ENCODINGS.contains(encoding)
                && !UUENCODE_TRANSFER_ENCODINGS.contains(encoding)) {
            return "unknown Content-Transfer-Encoding \"" + encoding + '"';
        }
        return null;
    }

    boolean isUuencoded() {
        return UUENCODE_TRANSFER_ENCODINGS.contains(transferEncoding());
    }
}
