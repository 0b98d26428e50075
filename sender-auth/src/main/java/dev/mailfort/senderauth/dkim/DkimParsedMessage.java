/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;

import org.apache.james.jdkim.api.Headers;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.io.EOLConvertingInputStream;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * A message as DKIM signing and verification read it: its header fields exactly as received and its body
 * undecoded. Replaces jDKIM's {@code impl.Message}, which looks mime4j's factory up through {@code ServiceLoader}
 * (a scan of the class path's jars) when it parses a message and again each time fields are asked for: 4 % of the
 * server's CPU under load (issue 8). Here the builder is made directly and the writer is shared.
 */
final class DkimParsedMessage implements Headers {
    // Long lines and long headers are legitimate in signed mail (base64 signatures, long To lists).
    private static final MimeConfig LIMITS = MimeConfig.custom().setMaxLineLen(10000).setMaxHeaderLen(30000).build();
    private static final DefaultMessageWriter WRITER = new DefaultMessageWriter();

    private final Message message;

    private DkimParsedMessage(Message message) {
        this.message = message;
    }

    /**
     * @param raw the raw message, CRLF or LF line ends (read as CRLF)
     * @return the parsed message; {@link #dispose()} it when done
     * @throws IOException when the message cannot be read or parsed
     */
    static DkimParsedMessage parse(byte[] raw) throws IOException {
        // A builder per message: mime4j does not promise that a builder can be shared between threads.
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(LIMITS);
        builder.setFlatMode(true);
        builder.setContentDecoding(false);
        try {
            return new DkimParsedMessage(builder.parseMessage(new EOLConvertingInputStream(new ByteArrayInputStream(raw))));
        } catch (RuntimeException e) {
            throw new IOException("cannot parse the message: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the header section, with the limits {@link #parse} applies, for a message that is not parsed
     * further: an unreadable header is refused (the caller answers 554) whether or not the message is signed.
     *
     * @param raw the raw message, CRLF or LF line ends
     * @throws IOException when the header section cannot be read within the limits
     */
    static void checkHeaderReadable(byte[] raw) throws IOException {
        MimeTokenStream tokens = new MimeTokenStream(LIMITS);
        // The header section alone, as it is: reading the whole message byte by byte through the line-end conversion
        // cost as much as a full parse, and mime4j reads bare LF line ends as well (SMTP gives CRLF anyway).
        tokens.parse(new ByteArrayInputStream(raw, 0, DkimSignatureFields.headerSectionLength(raw)));
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_HEADER
                    && state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                // Each field is read and checked against the limits as the stream advances.
            }
        } catch (MimeException | RuntimeException e) {
            throw new IOException("cannot parse the message: " + e.getMessage(), e);
        }
    }

    /** @return the body as received (no transfer decoding), or null when the message has none */
    InputStream body() throws IOException {
        return message.getBody() instanceof SingleBody single ? single.getInputStream() : null;
    }

    @Override
    public List<String> getFields() {
        return asText(message.getHeader().getFields());
    }

    @Override
    public List<String> getFields(String name) {
        return asText(message.getHeader().getFields(name));
    }

    /** Each field as written in the message, folding kept, without its final CRLF (what jDKIM canonicalizes). */
    private static List<String> asText(List<Field> fields) {
        return fields.stream().map(DkimParsedMessage::asText).toList();
    }

    private static String asText(Field field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WRITER.writeField(field, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        int length = bytes.length >= 2 && bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n'
            ? bytes.length - 2 : bytes.length;
        // jDKIM turns the text back into bytes with the platform charset: the same charset keeps the bytes hashed.
        return new String(bytes, 0, length, Charset.defaultCharset());
    }

    void dispose() {
        message.dispose();
    }
}
