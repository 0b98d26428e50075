/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import dev.mailfort.scanning.attachments.AttachmentPolicy;
import dev.mailfort.scanning.attachments.AttachmentPolicySettings;
import dev.mailfort.scanning.attachments.AttachmentVerdict;

/**
 * Fuzz targets for the streaming attachment policy, which reads every inbound message: its contract is that
 * malformed input never makes it throw (what it cannot read is reported UNINSPECTABLE).
 *
 * <p>Two shapes: raw bytes as a whole message, and a well-formed multipart envelope around a fuzzed attachment
 * (name, declared type, transfer encoding, content), which gets the fuzzer past the MIME layer into the content
 * sniffing and the zip, tar, gzip, TNEF and OLE2 walkers much sooner. In a normal {@code mvn test} each target only
 * replays its inputs (src/test/resources/dev/mailfort/scanning/fuzz/AttachmentPolicyFuzzTestInputs/<method>/); to
 * fuzz, see {@code docs/fuzzing.md}.
 */
class AttachmentPolicyFuzzTest {
    private static final AttachmentPolicy POLICY = new AttachmentPolicy(AttachmentPolicySettings.DEFAULTS);
    private static final String[] ENCODINGS = {"base64", "quoted-printable", "7bit", "8bit", "binary", "x-uuencode"};

    @FuzzTest
    void anyMessageGetsAVerdict(@NotNull byte[] message) {
        AttachmentVerdict verdict = POLICY.inspect(new ByteArrayInputStream(message));

        assertThat(verdict).isNotNull();
    }

    @FuzzTest
    void anyAttachmentGetsAVerdict(FuzzedDataProvider data) {
        String fileName = data.consumeString(80).replaceAll("[\"\\r\\n]", "_");
        String contentType = data.consumeString(60).replaceAll("[\\r\\n]", " ");
        String encoding = data.pickValue(ENCODINGS);
        byte[] content = data.consumeRemainingAsBytes();
        if ("base64".equals(encoding)) {
            content = java.util.Base64.getMimeEncoder().encode(content);
        }
        byte[] head = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: fuzz\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"fuzzboundary\"\r\n\r\n"
            + "--fuzzboundary\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--fuzzboundary\r\nContent-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
            + "Content-Transfer-Encoding: " + encoding + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\r\n--fuzzboundary--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(content, 0, message, head.length, content.length);
        System.arraycopy(tail, 0, message, head.length + content.length, tail.length);

        assertThat(POLICY.inspect(new ByteArrayInputStream(message))).isNotNull();
    }
}
