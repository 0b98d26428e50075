/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

/**
 * The one escaping rule of the console: every piece of text that comes from data (a quarantined mail's subject,
 * addresses, headers, names typed by an admin) goes through {@link #text} before it is written into a page.
 *
 * <p>The five characters below are enough both between tags and inside double- or single-quoted attribute values;
 * the console never writes data into a script, a style, an unquoted attribute or a URL scheme position.
 */
public final class Html {
    private Html() {
    }

    /**
     * @param value any text, possibly hostile, possibly {@code null}
     * @return the text with {@code & < > " '} replaced by entities; the empty string for {@code null}
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String raw = value.toString();
        StringBuilder escaped = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                // A NUL in a page makes some parsers stop or substitute; it never means anything to an admin.
                case '\u0000' -> escaped.append('\uFFFD');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A query parameter value for a link written into a page (percent-encoded, then escaped for the attribute). */
    public static String queryValue(String value) {
        return text(java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8));
    }
}
