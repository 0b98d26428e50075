/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Expands SPF macro-strings (RFC 7208 §7). The "p" macro expands to "unknown": computing it costs PTR and address
 * queries outside the lookup limits, and the RFC tells publishers not to use it. Stateless and thread-safe.
 */
final class SpfMacroExpander {
    private static final String DELIMITERS = ".-+,/_=";
    private static final int MAX_DOMAIN_LENGTH = 253;

    private SpfMacroExpander() {
    }

    /** Checks the syntax only, with placeholder values. */
    static void validate(String macroString, boolean explanation) throws SpfSyntaxException {
        expand(macroString, null, explanation);
    }

    /**
     * @param context     the values, or {@code null} to check the syntax only
     * @param explanation whether the string is an exp= text, where the c, r and t macros are allowed too
     */
    static String expand(String macroString, MacroContext context, boolean explanation) throws SpfSyntaxException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < macroString.length()) {
            char c = macroString.charAt(i);
            if (c != '%') {
                if (c < 0x21 || c > 0x7e) {
                    throw new SpfSyntaxException("invalid character in macro-string: " + macroString);
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= macroString.length()) {
                throw new SpfSyntaxException("dangling % in " + macroString);
            }
            char next = macroString.charAt(i + 1);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = macroString.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpfSyntaxException("unterminated macro in " + macroString);
                    }
                    out.append(expandOne(macroString.substring(i + 2, close), context, explanation));
                    i = close + 1;
                    continue;
                }
                default -> throw new SpfSyntaxException("invalid macro %" + next + " in " + macroString);
            }
            i += 2;
        }
        return out.toString();
    }

    /** Shortens an expanded domain-spec to 253 characters by dropping labels from the left (RFC 7208 §7.3). */
    static String truncateDomain(String domain) {
        String result = domain;
        while (result.length() > MAX_DOMAIN_LENGTH) {
            int dot = result.indexOf('.');
            if (dot < 0) {
                return result;
            }
            result = result.substring(dot + 1);
        }
        return result;
    }

    private static String expandOne(String body, MacroContext context, boolean explanation)
            throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        boolean allowed = "slodiphv".indexOf(lower) >= 0 || (explanation && "crt".indexOf(lower) >= 0);
        if (!allowed) {
            throw new SpfSyntaxException("unknown macro letter " + letter);
        }
        int pos = 1;
        int digitsStart = pos;
        while (pos < body.length() && Character.isDigit(body.charAt(pos))) {
            pos++;
        }
        int keep = Integer.MAX_VALUE;
        if (pos > digitsStart) {
            String digits = body.substring(digitsStart, pos);
            if (digits.chars().allMatch(ch -> ch == '0')) {
                throw new SpfSyntaxException("macro transformer 0 is not allowed");
            }
            // A domain has at most 127 labels, so any longer number keeps every part; this avoids overflow.
            keep = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        }
        boolean reverse = false;
        if (pos < body.length() && Character.toLowerCase(body.charAt(pos)) == 'r') {
            reverse = true;
            pos++;
        }
        String delimiters = body.substring(pos);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException("invalid macro delimiter " + d);
            }
        }
        if (context == null) {
            return "x";
        }
        String value = transform(value(lower, context), keep, reverse, delimiters.isEmpty() ? "." : delimiters);
        return Character.isUpperCase(letter) ? urlEscape(value) : value;
    }

    private static String value(char letter, MacroContext context) {
        return switch (letter) {
            case 's' -> context.sender();
            case 'l' -> context.localPart();
            case 'o' -> context.senderDomain();
            case 'd' -> context.currentDomain();
            case 'i' -> dottedAddress(context.ip());
            case 'p' -> "unknown";
            case 'v' -> context.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> context.helo();
            case 'c' -> context.ip().getHostAddress();
            case 'r' -> "unknown";
            case 't' -> Long.toString(System.currentTimeMillis() / 1000);
            default -> throw new IllegalStateException("unchecked macro letter " + letter);
        };
    }

    private static String transform(String value, int keep, boolean reverse, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    /** The "i" macro: dotted quad for IPv4, 32 dot-separated nibbles for IPv6 (RFC 7208 §7.3). */
    static String dottedAddress(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder nibbles = new StringBuilder();
        for (byte b : ip.getAddress()) {
            if (nibbles.length() > 0) {
                nibbles.append('.');
            }
            nibbles.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16));
        }
        return nibbles.toString();
    }

    private static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
