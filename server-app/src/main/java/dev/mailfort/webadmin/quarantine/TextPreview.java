/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

/**
 * The mail's first inline {@code text/plain} part, decoded, as plain text for an admin to read: never HTML.
 *
 * @param text      the decoded text, null when there is none to show
 * @param truncated whether the part goes on beyond {@code text}
 * @param problem   why the text is missing or incomplete (malformed MIME, unknown encoding...), null when all went well
 */
public record TextPreview(String text, boolean truncated, String problem) {
    static TextPreview none() {
        return new TextPreview(null, false, null);
    }

    static TextPreview unavailable(String problem) {
        return new TextPreview(null, false, problem);
    }
}
