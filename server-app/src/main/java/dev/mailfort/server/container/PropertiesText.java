/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets one key of a {@code .properties} file as text, so that the generated copy keeps the admin's comments and
 * layout: every active line of the key gets the new value, or a line is added at the end when the key is absent or
 * only present commented out.
 */
final class PropertiesText {
    private PropertiesText() {
    }

    static String set(String text, String key, String value, String origin) {
        String line = key + "=" + escape(value);
        Pattern active = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(key) + "[ \\t]*[=:].*$");
        Matcher matcher = active.matcher(text);
        if (matcher.find()) {
            return matcher.replaceAll(Matcher.quoteReplacement(line));
        }
        String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        return text + separator + "# from " + origin + "\n" + line + "\n";
    }

    // Backslash is the only character a value needs escaped; leading blanks would be dropped by the reader.
    private static String escape(String value) {
        String escaped = value.replace("\\", "\\\\");
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }
}
