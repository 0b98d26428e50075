/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MalformedMimeTest {

    private static final byte[] HARMLESS = "just text".getBytes(StandardCharsets.US_ASCII);

    @Test
    void missingClosingBoundaryIsReportedButDoesNotBlock() {
        AttachmentVerdict verdict = Inspect.withDefaults(RawMail.message().text("hello").withoutClosingBoundary()
                .bytes());

        assertThat(verdict.isBlocked()).isFalse();
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.MALFORMED_MIME);
            assertThat(finding.detail()).contains("closing boundary");
            assertThat(finding.blocking()).isFalse();
        });
    }

    @Test
    void malformedMimeCanBeMadeToBlock() {
        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().blockMalformedMime(true).build(),
                RawMail.message().text("hello").withoutClosingBoundary().bytes());

        assertThat(verdict.isBlocked()).isTrue();
    }

    @Test
    void truncatedMultipartStillShowsTheExecutableItCarries() {
        byte[] whole = RawMail.message().text("hello").attachment("data.bin", "application/octet-stream",
                Samples.random(20_000, 7)).attachment("tool.dat", "application/octet-stream",
                Samples.peExecutable()).bytes();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 600);

        AttachmentVerdict verdict = Inspect.withDefaults(truncated);

        assertThat(Inspect.blockingReasons(verdict)).contains(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void badBase64CharactersAreReported() {
        byte[] message = RawMail.message().text("hi").part(List.of("Content-Type: application/pdf; name=a.pdf",
                "Content-Transfer-Encoding: base64"), "JVBERi0x!!Ljc*KJeLjz9MK\r\n".getBytes(StandardCharsets.US_ASCII))
                .bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.MALFORMED_MIME);
            assertThat(finding.partPath()).isEqualTo("2");
            assertThat(finding.detail()).contains("base64");
        });
    }

    @Test
    void oversizedHeaderMakesTheMessageUninspectable() {
        byte[] message = RawMail.message().header("X-Junk: " + "a".repeat(100_000)).text("hi")
                .attachment("setup.exe", "application/octet-stream", HARMLESS).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.isBlocked()).isTrue();
        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.UNINSPECTABLE);
            assertThat(finding.isMessageLevel()).isTrue();
        });
    }

    @Test
    void tooManyHeaderFieldsMakeTheMessageUninspectable() {
        RawMail mail = RawMail.message();
        for (int i = 0; i < 1_100; i++) {
            mail.header("X-Filler-" + i + ": x");
        }

        AttachmentVerdict verdict = Inspect.withDefaults(mail.text("hi").bytes());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.UNINSPECTABLE);
    }

    @Test
    void multipartWithoutBoundaryIsUninspectable() {
        byte[] message = ("From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
                + "--x\r\nContent-Type: application/octet-stream; name=setup.exe\r\n\r\nMZ\r\n--x--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.UNINSPECTABLE);
            assertThat(finding.detail()).contains("without a boundary");
        });
    }

    @Test
    void conflictingTransferEncodingsAreUninspectable() {
        byte[] message = RawMail.message().text("hi").part(List.of("Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: 7bit", "Content-Transfer-Encoding: base64"),
                RawMail.base64(Samples.peExecutable())).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.UNINSPECTABLE);
            assertThat(finding.detail()).contains("conflicting Content-Transfer-Encoding");
            assertThat(finding.partPath()).isEqualTo("2");
        });
    }

    @Test
    void unknownTransferEncodingIsUninspectable() {
        byte[] message = RawMail.message().text("hi").part(List.of("Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: x-gzip64"), HARMLESS).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.UNINSPECTABLE);
    }

    @Test
    void deepNestingIsUninspectable() {
        StringBuilder message = new StringBuilder("From: a@example.com\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < 30; i++) {
            message.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        message.append("Content-Type: text/plain\r\n\r\nhi\r\n");

        AttachmentVerdict verdict = Inspect.withDefaults(message.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(verdict.findings()).anySatisfy(finding ->
                assertThat(finding.detail()).contains("nested more than 20 deep"));
        assertThat(verdict.isBlocked()).isTrue();
    }

    @Test
    void tooManyPartsIsUninspectable() {
        RawMail mail = RawMail.message();
        for (int i = 0; i < 60; i++) {
            mail.text("part " + i);
        }

        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().maxParts(50).build(), mail.bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.detail()).contains("more than 50 MIME parts"));
    }

    @Test
    void messageFragmentIsUninspectable() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: message/partial; id=\"abc@example.com\"; number=1; total=2"), HARMLESS).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.UNINSPECTABLE);
    }

    @Test
    void executableInAttachedMessageIsBlockedWithItsPath() {
        byte[] inner = RawMail.message().text("inner").attachment("setup.exe", "application/octet-stream", HARMLESS)
                .boundary("inner_boundary").bytes();
        byte[] message = RawMail.message().text("see forwarded").part(List.of("Content-Type: message/rfc822"), inner)
                .bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.partPath()).isEqualTo("2.2"));
    }

    @Test
    void executableInBase64AttachedMessageIsBlocked() {
        byte[] inner = RawMail.message().text("inner").attachment("setup.exe", "application/octet-stream", HARMLESS)
                .boundary("inner_boundary").bytes();
        byte[] message = RawMail.message().text("see forwarded").part(List.of("Content-Type: message/global",
                "Content-Transfer-Encoding: base64"), RawMail.base64(inner)).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void emlFileIsInspectedAsAMessage() {
        byte[] inner = RawMail.message().text("inner").attachment("setup.exe", "application/octet-stream", HARMLESS)
                .boundary("inner_boundary").bytes();

        AttachmentVerdict verdict = Inspect.attachment("forward.eml", "application/octet-stream", inner);

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.partPath()).isEqualTo("2.2"));
    }

    @Test
    void nameOfAnAttachedMessagePartIsChecked() {
        byte[] inner = RawMail.message().text("inner").boundary("inner_boundary").bytes();
        byte[] message = RawMail.message().text("see forwarded").part(List.of("Content-Type: message/rfc822",
                "Content-Disposition: attachment; filename=\"forward.scr\""), inner).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_EXTENSION);
            assertThat(finding.partPath()).isEqualTo("2");
        });
    }

    @Test
    void executableLabelledAsAMessageIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("mail.eml", "message/rfc822", Samples.peExecutable());

        assertThat(Inspect.blockingReasons(verdict)).contains(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void failingInputStreamDoesNotEscape() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 200) {
                    throw new IOException("connection reset");
                }
                return 'a';
            }
        };

        AttachmentVerdict verdict = Inspect.DEFAULT_POLICY.inspect(failing);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.UNINSPECTABLE);
    }

    @Test
    void everyTruncationOfAMessageGivesAVerdict() {
        byte[] whole = RawMail.message().text("hello").attachment("docs.zip", "application/zip",
                ZipBuilder.zip().deflated("a.pdf", Samples.pdf()).stored("b.exe", Samples.peExecutable()).bytes())
                .attachment("r.docm", "application/octet-stream", Samples.docm()).bytes();

        for (int length = 0; length <= whole.length; length += 37) {
            byte[] truncated = Arrays.copyOf(whole, length);
            assertThatCode(() -> Inspect.withDefaults(truncated)).doesNotThrowAnyException();
        }
    }

    @Test
    void randomlyDamagedMessagesGiveAVerdict() {
        byte[] whole = RawMail.message().text("hello").html("<p>hi</p>").attachment("docs.zip", "application/zip",
                ZipBuilder.zip().deflated("a.pdf", Samples.pdf()).deflated("in.zip",
                        ZipBuilder.zip().deflated("x.doc", CompoundFileBuilder.wordDocumentWithMacros().bytes())
                                .bytes()).bytes())
                .attachment("t.tgz", "application/gzip", Samples.gzip(Samples.tar(new String[] {"a"},
                        new byte[][] {Samples.pdf()})))
                .attachment("winmail.dat", "application/ms-tnef", Samples.tnef("a.pdf", Samples.pdf()))
                .bytes();
        Random random = new Random(42);

        for (int round = 0; round < 1_500; round++) {
            byte[] damaged = whole.clone();
            for (int flips = 1 + random.nextInt(20); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            assertThatCode(() -> Inspect.DEFAULT_POLICY.inspect(new ByteArrayInputStream(damaged)))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void randomlyDamagedArchivesGiveAVerdict() {
        byte[] zip = ZipBuilder.zip().deflated("a.pdf", Samples.pdf()).deflatedWithDescriptor("b.txt",
                "hello ".repeat(3000).getBytes(StandardCharsets.US_ASCII)).stored("c.doc",
                CompoundFileBuilder.wordDocumentWithMacros().bytes()).bytes();
        Random random = new Random(7);

        for (int round = 0; round < 1_500; round++) {
            byte[] damaged = zip.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            byte[] message = RawMail.message().attachment("a.zip", "application/zip", damaged).bytes();
            assertThatCode(() -> Inspect.withDefaults(message)).doesNotThrowAnyException();
        }
    }
}
