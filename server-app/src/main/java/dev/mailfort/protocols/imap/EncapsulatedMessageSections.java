/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.imap.api.message.BodyFetchElement;

/**
 * The sections of a message reached through an encapsulated message (a {@code message/rfc822} entity), computed on
 * the raw message as RFC 3501 section 6.4.5 defines them (issue 12, item 2). James 3.8.1's part walker descends
 * into an encapsulated message as if it were a multipart: in a message whose own body is a message, {@code BODY[1]}
 * was the inner message's body instead of the inner message, {@code BODY[1.HEADER]} and {@code BODY[1.1]} empty.
 *
 * <p>Sections whose path never meets a message entity are left to James ({@link #of} is empty for them).
 */
final class EncapsulatedMessageSections {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

    private EncapsulatedMessageSections() {
    }

    /** The section's bytes when its path goes through an encapsulated message; empty to let James answer. */
    static Optional<byte[]> of(byte[] message, BodyFetchElement element) {
        int[] path = element.getPath();
        Entity top = Entity.parse(message, "text/plain");
        Optional<Entity> current = top.part(path[0]);
        boolean throughMessage = current.map(Entity::isMessage).orElse(false);
        for (int i = 1; i < path.length && current.isPresent(); i++) {
            int position = path[i];
            current = current.flatMap(entity -> entity.child(position));
            throughMessage |= current.map(Entity::isMessage).orElse(false);
        }
        if (!throughMessage) {
            return Optional.empty();
        }
        return Optional.of(current.map(entity -> section(entity, element)).orElse(new byte[0]));
    }

    private static byte[] section(Entity entity, BodyFetchElement element) {
        switch (element.getSectionType()) {
            case CONTENT:
                return entity.body();
            case MIME:
                return entity.header();
            case HEADER:
                return encapsulated(entity).map(Entity::header).orElse(new byte[0]);
            case TEXT:
                return encapsulated(entity).map(Entity::body).orElse(new byte[0]);
            case HEADER_FIELDS:
                return encapsulated(entity).map(message -> fields(message, element.getFieldNames(), true)).orElse(new byte[0]);
            case HEADER_NOT_FIELDS:
                return encapsulated(entity).map(message -> fields(message, element.getFieldNames(), false)).orElse(new byte[0]);
            default:
                return new byte[0];
        }
    }

    private static Optional<Entity> encapsulated(Entity entity) {
        return entity.isMessage() ? Optional.of(Entity.parse(entity.body(), "text/plain")) : Optional.empty();
    }

    private static byte[] fields(Entity message, Collection<String> names, boolean wanted) {
        List<String> lowerNames = names.stream().map(name -> name.toLowerCase(Locale.US)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean keep = false;
        for (String line : message.headerLines()) {
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                int colon = line.indexOf(':');
                String name = colon < 0 ? line : line.substring(0, colon).trim();
                keep = lowerNames.contains(name.toLowerCase(Locale.US)) == wanted;
            }
            if (keep) {
                out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        return out.toByteArray();
    }

    /** An entity (a message or a body part): its raw bytes, where its body starts, and its content type. */
    private static final class Entity {
        private final byte[] raw;
        private final int bodyStart;
        private final String mimeType;
        private final String contentType;

        private Entity(byte[] raw, int bodyStart, String mimeType, String contentType) {
            this.raw = raw;
            this.bodyStart = bodyStart;
            this.mimeType = mimeType;
            this.contentType = contentType;
        }

        static Entity parse(byte[] raw, String defaultType) {
            int bodyStart = bodyStart(raw);
            String contentType = contentType(new String(raw, 0, bodyStart, StandardCharsets.ISO_8859_1));
            String mimeType = contentType == null ? defaultType
                : contentType.split(";", 2)[0].trim().toLowerCase(Locale.US);
            return new Entity(raw, bodyStart, mimeType, contentType == null ? "" : contentType);
        }

        private static int bodyStart(byte[] raw) {
            if (startsWith(raw, 0, "\r\n")) {
                return 2;
            }
            if (startsWith(raw, 0, "\n")) {
                return 1;
            }
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '\n' && startsWith(raw, i + 1, "\r\n")) {
                    return i + 3;
                }
                if (raw[i] == '\n' && startsWith(raw, i + 1, "\n")) {
                    return i + 2;
                }
            }
            return raw.length;
        }

        private static String contentType(String header) {
            String unfolded = header.replaceAll("\r?\n[ \t]", " ");
            for (String line : unfolded.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        boolean isMessage() {
            return mimeType.equals("message/rfc822") || mimeType.equals("message/global");
        }

        private boolean isMultipart() {
            return mimeType.startsWith("multipart/");
        }

        byte[] header() {
            return Arrays.copyOfRange(raw, 0, bodyStart);
        }

        byte[] body() {
            return Arrays.copyOfRange(raw, bodyStart, raw.length);
        }

        List<String> headerLines() {
            return List.of(new String(raw, 0, bodyStart, StandardCharsets.ISO_8859_1).split("\r?\n", -1));
        }

        /** Part n of this entity taken as a message: a body part if multipart, else the message itself as part 1. */
        Optional<Entity> part(int position) {
            if (isMultipart()) {
                return bodyPart(position);
            }
            return position == 1 ? Optional.of(this) : Optional.empty();
        }

        /** Part n inside this entity: of its multipart body, or of the message it encapsulates. */
        Optional<Entity> child(int position) {
            if (isMultipart()) {
                return bodyPart(position);
            }
            if (isMessage()) {
                return parse(body(), "text/plain").part(position);
            }
            return Optional.empty();
        }

        private Optional<Entity> bodyPart(int position) {
            List<byte[]> parts = bodyParts();
            if (position < 1 || position > parts.size()) {
                return Optional.empty();
            }
            String defaultType = mimeType.equals("multipart/digest") ? "message/rfc822" : "text/plain";
            return Optional.of(parse(parts.get(position - 1), defaultType));
        }

        private List<byte[]> bodyParts() {
            Matcher boundary = BOUNDARY.matcher(contentType);
            List<byte[]> parts = new ArrayList<>();
            if (!boundary.find()) {
                return parts;
            }
            String delimiter = "--" + (boundary.group(1) != null ? boundary.group(1) : boundary.group(2));
            byte[] body = body();
            int partStart = -1;
            for (int i = 0; i < body.length; i++) {
                boolean lineStart = i == 0 || body[i - 1] == '\n';
                if (!lineStart || !startsWith(body, i, delimiter)) {
                    continue;
                }
                if (partStart >= 0) {
                    // The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
                    int partEnd = i >= 2 && body[i - 2] == '\r' ? i - 2 : i - 1;
                    parts.add(Arrays.copyOfRange(body, partStart, Math.max(partStart, partEnd)));
                }
                if (startsWith(body, i + delimiter.length(), "--")) {
                    break;
                }
                int lineEnd = i;
                while (lineEnd < body.length && body[lineEnd] != '\n') {
                    lineEnd++;
                }
                partStart = Math.min(lineEnd + 1, body.length);
                i = lineEnd;
            }
            return parts;
        }

        private static boolean startsWith(byte[] bytes, int offset, String prefix) {
            if (offset + prefix.length() > bytes.length) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (bytes[offset + i] != (byte) prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
