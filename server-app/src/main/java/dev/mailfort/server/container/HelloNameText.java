/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every protocol server of an XML file a fixed {@code <helloName>}. Inside a container the detected name is
 * the container's id, which would end up in SMTP greetings and {@code Received:} headers. Commented-out elements
 * are left alone.
 */
final class HelloNameText {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern HELLO_NAME = Pattern.compile("<helloName\\b[^>]*?(/>|>.*?</helloName\\s*>)", Pattern.DOTALL);

    private HelloNameText() {
    }

    static String set(String xml, String hostname) {
        String replacement = "<helloName autodetect=\"false\">" + hostname + "</helloName>";
        String masked = maskComments(xml);
        Matcher matcher = HELLO_NAME.matcher(masked);
        StringBuilder result = new StringBuilder();
        int copied = 0;
        while (matcher.find()) {
            result.append(xml, copied, matcher.start()).append(replacement);
            copied = matcher.end();
        }
        return result.append(xml, copied, xml.length()).toString();
    }

    /** The same text with comments blanked out, so that offsets found in it are offsets in the original. */
    private static String maskComments(String xml) {
        StringBuilder masked = new StringBuilder(xml);
        Matcher comment = COMMENT.matcher(xml);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                masked.setCharAt(i, ' ');
            }
        }
        return masked.toString();
    }
}
