/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimeUtility;

/**
 * Finds and decodes the text an admin reads to judge a held mail. A quarantined mail is hostile input: any MIME
 * error becomes a {@link TextPreview#problem()} instead of an exception, and HTML parts are never chosen.
 */
final class TextPreviewExtractor {
    // Deeper nesting than this is not a real mail body but an attempt to exhaust the server.
    private static final int MAX_DEPTH = 20;

    private final int maxChars;

    TextPreviewExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    TextPreview extract(Part message) {
        try {
            return firstInlineTextPlain(message, 0)
                .map(this::decode)
                .orElseGet(TextPreview::none);
        } catch (MessagingException | IOException | RuntimeException e) {
            return TextPreview.unavailable("The MIME structure could not be read: " + e.getMessage());
        }
    }

    private Optional<Part> firstInlineTextPlain(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                return Optional.empty();
            }
            for (int index = 0; index < multipart.getCount(); index++) {
                Optional<Part> found = firstInlineTextPlain(multipart.getBodyPart(index), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        // A text file attached to the mail is not its body: the admin downloads it through /mailRepositories.
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(disposition(part))) {
            return Optional.of(part);
        }
        return Optional.empty();
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private TextPreview decode(Part part) {
        StringBuilder text = new StringBuilder();
        String problem = null;
        boolean truncated = false;
        try (Reader reader = new InputStreamReader(decodedContent(part), decoder(part))) {
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer, 0, Math.min(buffer.length, maxChars + 1 - text.length()))) > 0) {
                text.append(buffer, 0, read);
                if (text.length() > maxChars) {
                    text.setLength(maxChars);
                    truncated = true;
                    break;
                }
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            problem = "The text part could not be fully decoded: " + e.getMessage();
        }
        return new TextPreview(problem != null && text.length() == 0 ? null : text.toString(), truncated, problem);
    }

    private static InputStream decodedContent(Part part) throws MessagingException, IOException {
        try {
            return part.getInputStream();
        } catch (MessagingException | IOException e) {
            // An unknown Content-Transfer-Encoding: show the raw text rather than nothing.
            if (part instanceof MimePart mimePart) {
                return rawContent(mimePart);
            }
            throw e;
        }
    }

    private static InputStream rawContent(MimePart part) throws MessagingException {
        if (part instanceof MimeBodyPart bodyPart) {
            return bodyPart.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        throw new MessagingException("No raw content for " + part.getClass().getName());
    }

    private static CharsetDecoder decoder(Part part) {
        return charset(part).newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    // Missing or unknown charsets are common in spam; UTF-8 reads ASCII and shows the rest as replacement characters.
    private static Charset charset(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name == null || name.isBlank()) {
                return StandardCharsets.UTF_8;
            }
            return Charset.forName(MimeUtility.javaCharset(name.trim()));
        } catch (MessagingException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
