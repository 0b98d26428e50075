/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageStructureLimitsTest {
    private final MessageStructureLimits limits = new MessageStructureLimits(1000, 3);

    @Test
    void aHeaderSectionUpToTheLimitPasses() throws Exception {
        String header = "Subject: " + "x".repeat(1000 - "Subject: ".length() - 4) + "\r\n\r\n";

        assertThat(header).hasSize(1000);
        assertThat(limits.headerTooLarge(stream(header + "body that is long " + "y".repeat(5000)))).isFalse();
    }

    @Test
    void aHeaderSectionOverTheLimitIsTooLarge() throws Exception {
        assertThat(limits.headerTooLarge(stream("Subject: " + "x".repeat(1000) + "\r\n\r\nbody"))).isTrue();
    }

    @Test
    void manyShortFieldsCountTogether() throws Exception {
        assertThat(limits.headerTooLarge(stream("X-A: 1\r\n".repeat(200) + "\r\nbody"))).isTrue();
    }

    @Test
    void bareLfLineEndsAlsoEndTheHeaderSection() throws Exception {
        assertThat(limits.headerTooLarge(stream("Subject: hi\n\n" + "z".repeat(5000)))).isFalse();
    }

    @Test
    void aMessageWithoutBodyIsMeasuredWhole() throws Exception {
        assertThat(limits.headerTooLarge(stream("Subject: hi\r\n"))).isFalse();
        assertThat(limits.headerTooLarge(stream("X-A: 1\r\n".repeat(200)))).isTrue();
    }

    @Test
    void nestingUpToTheLimitPasses() throws Exception {
        assertThat(limits.mimeTooDeep(stream(nested(3)))).isFalse();
        assertThat(limits.mimeTooDeep(stream("Subject: plain\r\n\r\ntext\r\n"))).isFalse();
    }

    @Test
    void nestingOverTheLimitIsTooDeep() throws Exception {
        assertThat(limits.mimeTooDeep(stream(nested(4)))).isTrue();
    }

    @Test
    void attachedMessagesCountAsLevels() throws Exception {
        String inner = "Content-Type: message/rfc822\r\n\r\n" + nested(2);
        String outer = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\n" + inner
            + "\r\n--o--\r\n";

        assertThat(limits.mimeTooDeep(stream(outer))).as("multipart, message, 2 multiparts").isTrue();
        assertThat(new MessageStructureLimits(1000, 4).mimeTooDeep(stream(outer))).isFalse();
    }

    @Test
    void brokenBoundariesAreNotTooDeep() throws Exception {
        String broken = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"a\"\r\n\r\n--b\r\nno\r\n";

        assertThat(limits.mimeTooDeep(stream(broken))).isFalse();
    }

    private static String nested(int depth) {
        StringBuilder message = new StringBuilder("MIME-Version: 1.0\r\n");
        for (int level = 1; level <= depth; level++) {
            message.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b")
                .append(level).append("\r\n");
        }
        message.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int level = depth; level >= 1; level--) {
            message.append("--b").append(level).append("--\r\n");
        }
        return message.toString();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
