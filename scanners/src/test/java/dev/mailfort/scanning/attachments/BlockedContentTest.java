/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BlockedContentTest {

    @Test
    void windowsExecutableUnderAnInnocentNameIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("notes.txt", "text/plain", Samples.peExecutable());

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_CONTENT);
            assertThat(finding.detail()).contains("MZ");
            assertThat(finding.blocking()).isTrue();
        });
    }

    @Test
    void elfExecutableIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("data.bin", "application/octet-stream", Samples.elfExecutable());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void machOExecutableIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("viewer", "application/octet-stream",
                Samples.machOExecutable());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void shebangScriptIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("install", "application/octet-stream", Samples.shellScript());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void shortcutDressedAsPdfIsBlockedTwice() {
        AttachmentVerdict verdict = Inspect.attachment("invoice.pdf", "application/pdf", Samples.windowsShortcut());

        assertThat(Inspect.blockingReasons(verdict))
                .containsExactlyInAnyOrder(FindingReason.BLOCKED_CONTENT, FindingReason.CONTENT_TYPE_MISMATCH);
    }

    @Test
    void isoImageIsRecognisedAfterItsSystemArea() {
        AttachmentVerdict verdict = Inspect.attachment("backup.dat", "application/octet-stream", Samples.isoImage());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_CONTENT);
            assertThat(finding.detail()).contains("disk image");
        });
    }

    @Test
    void declaredPdfWithExecutableContentIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("invoice.pdf", "application/pdf", Samples.peExecutable());

        assertThat(Inspect.blockingReasons(verdict))
                .containsExactlyInAnyOrder(FindingReason.BLOCKED_CONTENT, FindingReason.CONTENT_TYPE_MISMATCH);
    }

    @Test
    void declaredTypeAloneIsComparedWhenThereIsNoName() {
        byte[] message = RawMail.message().text("hi").part(List.of("Content-Type: application/pdf",
                "Content-Transfer-Encoding: base64"), RawMail.base64(Samples.html())).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.CONTENT_TYPE_MISMATCH);
    }

    @Test
    void htmlPageDressedAsPdfIsAMismatch() {
        AttachmentVerdict verdict = Inspect.attachment("statement.pdf", "application/pdf", Samples.html());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.CONTENT_TYPE_MISMATCH);
            assertThat(finding.detail()).contains("HTML");
        });
    }

    @Test
    void documentThatIsNotTheZipItClaimsIsAMismatch() {
        AttachmentVerdict verdict = Inspect.attachment("contract.docx", "application/octet-stream",
                "plain words".getBytes(StandardCharsets.US_ASCII));

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.CONTENT_TYPE_MISMATCH);
    }

    @Test
    void mismatchCanBeMadeInformational() {
        AttachmentPolicySettings settings = AttachmentPolicySettings.builder().blockContentTypeMismatch(false).build();

        AttachmentVerdict verdict = Inspect.with(settings, RawMail.message().text("hi")
                .attachment("statement.pdf", "application/pdf", Samples.html()).bytes());

        assertThat(verdict.isBlocked()).isFalse();
        assertThat(Inspect.reasons(verdict)).containsExactly(FindingReason.CONTENT_TYPE_MISMATCH);
    }

    @Test
    void harmlessSlipIsNotAMismatch() {
        AttachmentVerdict verdict = Inspect.attachment("photo.jpg", "image/jpeg", Samples.png());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void executableInUnnamedBodyPartIsBlocked() {
        byte[] message = RawMail.message().text("hi").part(List.of("Content-Type: text/plain",
                "Content-Transfer-Encoding: base64"), RawMail.base64(Samples.peExecutable())).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void archiveThatCannotBeOpenedIsBlockedByDefault() {
        byte[] rar = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00, 0, 0, 0, 0};

        AttachmentVerdict verdict = Inspect.attachment("files.rar", "application/vnd.rar", rar);

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.detail()).contains("RAR", "cannot be looked into"));
    }

    @Test
    void contentKindsAreConfigurable() {
        AttachmentPolicySettings settings = AttachmentPolicySettings.builder()
                .blockedContentKinds(List.of(ContentKind.PE_EXECUTABLE))
                .build();

        AttachmentVerdict verdict = Inspect.with(settings, RawMail.message().text("hi")
                .attachment("data.bin", "application/octet-stream", Samples.elfExecutable()).bytes());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void uuencodedExecutableInTextBodyIsBlocked() {
        String body = "Here is the tool:\r\n\r\nbegin 644 tool.exe\r\n"
                + "M35J0``,````$````__\\``+@`````````0```````````````````````````\r\n"
                + "`\r\nend\r\n";

        AttachmentVerdict verdict = Inspect.withDefaults(RawMail.message().text(body).bytes());

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_EXTENSION);
            assertThat(finding.entryPath()).isEqualTo("tool.exe");
        });
        assertThat(Inspect.blockingReasons(verdict)).contains(FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void yencFileInTextBodyIsChecked() {
        String body = "=ybegin line=128 size=1234 name=update.scr\r\nxxxx\r\n=yend size=1234\r\n";

        AttachmentVerdict verdict = Inspect.withDefaults(RawMail.message().text(body).bytes());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }
}
