/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {

    /** Hands out at most a few bytes per read, as a network or a MIME boundary reader may. */
    private static InputStream trickling(byte[] data, Random random) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(7)));
            }
        };
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Test
    void base64DecodesWhatTheJdkEncodesWhateverTheLineLength() throws IOException {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            byte[] data = Samples.random(random.nextInt(5000), round);
            int lineLength = 4 * (1 + random.nextInt(30));
            byte[] encoded = Base64.getMimeEncoder(lineLength, "\r\n".getBytes(StandardCharsets.US_ASCII)).encode(data);

            byte[] decoded = readAll(new Base64DecodingStream(trickling(encoded, random), DecodeMonitor.SILENT));

            assertThat(decoded).isEqualTo(data);
        }
    }

    @Test
    void base64StopsAtPaddingAndKeepsAPartialGroup() throws IOException {
        byte[] decoded = readAll(new Base64DecodingStream(new ByteArrayInputStream(
                "TWFu\r\nTWE=\r\nTWFu".getBytes(StandardCharsets.US_ASCII)), DecodeMonitor.SILENT));

        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("ManMa");
    }

    @Test
    void base64WithoutPaddingYieldsTheBytesItHolds() throws IOException {
        byte[] decoded = readAll(new Base64DecodingStream(new ByteArrayInputStream(
                "TWFuTWE".getBytes(StandardCharsets.US_ASCII)), DecodeMonitor.SILENT));

        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("ManMa");
    }

    @Test
    void base64SkipsAndReportsStrayCharactersOnce() throws IOException {
        List<String> warnings = new ArrayList<>();
        DecodeMonitor monitor = new DecodeMonitor() {
            @Override
            public boolean warn(String error, String dropDesc) {
                warnings.add(error);
                return false;
            }
        };

        byte[] decoded = readAll(new Base64DecodingStream(new ByteArrayInputStream(
                "TW!Fu*TW#Fu".getBytes(StandardCharsets.US_ASCII)), monitor));

        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("ManMan");
        assertThat(warnings).hasSize(1);
    }

    @Test
    void quotedPrintableDecodesEscapesAndSoftBreaks() throws IOException {
        String encoded = "caf=C3=A9 =\r\nsoft=  \r\nbreak=\nend=3D=\r\n";

        byte[] decoded = readAll(new QuotedPrintableDecodingStream(new ByteArrayInputStream(
                encoded.getBytes(StandardCharsets.US_ASCII))));

        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("café softbreakend=");
    }

    @Test
    void quotedPrintableLeavesBrokenEscapesAsTheyAre() throws IOException {
        byte[] decoded = readAll(new QuotedPrintableDecodingStream(new ByteArrayInputStream(
                "a=ZZb=4".getBytes(StandardCharsets.US_ASCII))));

        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("a=ZZb=4");
    }

    @Test
    void quotedPrintableGivesTheSameBytesWhateverTheReadSizes() throws IOException {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(random.nextInt(10) == 0 ? "=\r\n" : random.nextInt(10) == 0 ? "=E9" : "word ");
        }
        byte[] encoded = text.toString().getBytes(StandardCharsets.US_ASCII);

        byte[] whole = readAll(new QuotedPrintableDecodingStream(new ByteArrayInputStream(encoded)));
        byte[] trickled = readAll(new QuotedPrintableDecodingStream(trickling(encoded, random)));

        assertThat(trickled).isEqualTo(whole);
        assertThat(new String(whole, StandardCharsets.ISO_8859_1)).doesNotContain("=");
    }
}
