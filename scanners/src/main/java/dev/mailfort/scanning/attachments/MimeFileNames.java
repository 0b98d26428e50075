/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * Every spelling of a file name a header carries: {@code filename="..."} (with RFC 2047 encoded words, which many
 * mailers put there), {@code filename*=charset'lang'...} (RFC 2231) and {@code filename*0*=...} continuations.
 *
 * <p>All of them are returned rather than the one a given mail client would prefer: clients disagree, and a sender
 * can give a harmless name in one form and an executable one in another.
 */
final class MimeFileNames {

    private static final int MAX_CONTINUATIONS = 256;

    private MimeFileNames() {
    }

    /** Distinct, non-empty names from {@code parameter} of this field, the RFC 2231 forms first. */
    static List<String> of(Field field, String parameter) {
        RawField raw = field instanceof RawField rawField ? rawField : new RawField(field.getName(), field.getBody());
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(raw);
        String plain = null;
        String extended = null;
        TreeMap<Integer, NameValuePair> continuations = new TreeMap<>();
        for (NameValuePair pair : body.getParams()) {
            if (pair.getName() == null || pair.getValue() == null) {
                continue;
            }
            String name = pair.getName().trim().toLowerCase(Locale.ROOT);
            if (name.equals(parameter)) {
                plain = plain == null ? pair.getValue() : plain;
            } else if (name.equals(parameter + "*")) {
                extended = extended == null ? pair.getValue() : extended;
            } else if (name.startsWith(parameter + "*")) {
                Integer index = continuationIndex(name.substring(parameter.length() + 1));
                if (index != null && continuations.size() < MAX_CONTINUATIONS) {
                    continuations.putIfAbsent(index, new NameValuePair(name, pair.getValue()));
                }
            }
        }
        List<String> names = new ArrayList<>(2);
        if (extended != null) {
            addDistinct(names, decodeExtended(extended));
        }
        if (!continuations.isEmpty()) {
            addDistinct(names, joinContinuations(continuations));
        }
        if (plain != null) {
            addDistinct(names, decodePlain(plain));
        }
        return names;
    }

    /** {@code 0} from {@code 0} or {@code 0*}; null when the suffix is not a continuation number. */
    private static Integer continuationIndex(String suffix) {
        String digits = suffix.endsWith("*") ? suffix.substring(0, suffix.length() - 1) : suffix;
        if (digits.isEmpty() || digits.length() > 3) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return null;
            }
        }
        return Integer.parseInt(digits);
    }

    private static String decodePlain(String value) {
        String text = reinterpretAsUtf8(value);
        if (text.contains("=?")) {
            try {
                text = DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
            } catch (RuntimeException e) {
                // keep the undecoded text: it is still checked as it stands
            }
        }
        return text;
    }

    private static String decodeExtended(String value) {
        int firstQuote = value.indexOf('\'');
        int secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
        if (secondQuote < 0) {
            return decodeBytes(percentDecode(value), StandardCharsets.UTF_8);
        }
        Charset charset = charsetOrUtf8(value.substring(0, firstQuote));
        return decodeBytes(percentDecode(value.substring(secondQuote + 1)), charset);
    }

    private static String joinContinuations(TreeMap<Integer, NameValuePair> segments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Charset charset = StandardCharsets.UTF_8;
        boolean first = true;
        for (NameValuePair segment : segments.values()) {
            String value = segment.getValue();
            boolean encoded = segment.getName().endsWith("*");
            if (encoded && first) {
                int firstQuote = value.indexOf('\'');
                int secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
                if (secondQuote >= 0) {
                    charset = charsetOrUtf8(value.substring(0, firstQuote));
                    value = value.substring(secondQuote + 1);
                }
            }
            byte[] part = encoded ? percentDecode(value) : reinterpretAsUtf8(value).getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(part);
            first = false;
        }
        return decodeBytes(bytes.toByteArray(), charset);
    }

    /** RFC 2231 percent-encoding; unlike URL decoding, {@code +} stays a plus sign. */
    private static byte[] percentDecode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static Charset charsetOrUtf8(String name) {
        try {
            return name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.trim());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String decodeBytes(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }

    /**
     * Unquoted 8-bit parameter values come out of the parser one byte per char; raw UTF-8 names (RFC 6532 mail, or
     * just sloppy mailers) are turned back into the characters a client shows, bidi controls included.
     */
    static String reinterpretAsUtf8(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }

    private static void addDistinct(List<String> names, String name) {
        if (name != null && !name.isEmpty() && !names.contains(name)) {
            names.add(name);
        }
    }
}
