/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.SectionType;
import org.junit.jupiter.api.Test;

class EncapsulatedMessageSectionsTest {
    private static final String DOUBLY_WRAPPED = String.join("\r\n",
        "Subject: outer",
        "Content-Type: multipart/mixed; boundary=b1",
        "",
        "preamble",
        "--b1",
        "",
        "first",
        "--b1",
        "Content-Type: message/rfc822",
        "",
        "Subject: middle",
        "Content-Type: message/rfc822",
        "",
        "Subject: innermost",
        "",
        "deep body",
        "--b1--",
        "epilogue",
        "");

    @Test
    void sectionsThatMeetNoMessageAreLeftToJames() {
        assertThat(section(SectionType.CONTENT, 1)).isEmpty();
    }

    @Test
    void messageInsideAMessagePartIsReachedThroughBoth() {
        assertThat(section(SectionType.HEADER, 2, 1)).contains("Subject: innermost\r\n\r\n");
        assertThat(section(SectionType.CONTENT, 2, 1, 1)).contains("deep body");
        assertThat(section(SectionType.MIME, 2, 1)).contains("Subject: middle\r\nContent-Type: message/rfc822\r\n\r\n");
    }

    @Test
    void messagePartContentStopsBeforeTheLineBreakOfTheClosingDelimiter() {
        assertThat(section(SectionType.CONTENT, 2))
            .contains("Subject: middle\r\nContent-Type: message/rfc822\r\n\r\nSubject: innermost\r\n\r\ndeep body");
    }

    @Test
    void missingPartUnderAMessageIsEmpty() {
        assertThat(section(SectionType.CONTENT, 2, 1, 2)).contains("");
    }

    @Test
    void headerFieldsAreFilteredWithTheirBlankLine() {
        BodyFetchElement fields = new BodyFetchElement("BODY[2.HEADER.FIELDS (SUBJECT)]", SectionType.HEADER_FIELDS,
            new int[] {2}, List.of("SUBJECT"), null, null);

        assertThat(EncapsulatedMessageSections.of(DOUBLY_WRAPPED.getBytes(StandardCharsets.US_ASCII), fields)
            .map(bytes -> new String(bytes, StandardCharsets.US_ASCII))).contains("Subject: middle\r\n\r\n");
    }

    private static Optional<String> section(SectionType type, int... path) {
        BodyFetchElement element = new BodyFetchElement("BODY[x]", type, path, null, null, null);
        return EncapsulatedMessageSections.of(DOUBLY_WRAPPED.getBytes(StandardCharsets.US_ASCII), element)
            .map(bytes -> new String(bytes, StandardCharsets.US_ASCII));
    }
}
