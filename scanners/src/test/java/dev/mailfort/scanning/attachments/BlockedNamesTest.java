/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockedNamesTest {

    private static final byte[] HARMLESS = "just text".getBytes(StandardCharsets.US_ASCII);

    @Test
    void executableExtensionIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("setup.exe", "application/octet-stream", HARMLESS);

        assertThat(verdict.isBlocked()).isTrue();
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_EXTENSION);
            assertThat(finding.partPath()).isEqualTo("2");
            assertThat(finding.fileName()).isEqualTo("setup.exe");
            assertThat(finding.detail()).isEqualTo(".exe");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.js", "run.vbs", "run.ps1", "run.bat", "run.cmd", "page.hta", "link.lnk",
        "saver.scr", "disk.iso", "disk.img", "RUN.JS"})
    void scriptAndImageExtensionsAreBlocked(String fileName) {
        AttachmentVerdict verdict = Inspect.attachment(fileName, "application/octet-stream", HARMLESS);

        assertThat(Inspect.blockingReasons(verdict)).contains(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void decoyDoubleExtensionIsReported() {
        AttachmentVerdict verdict = Inspect.attachment("invoice.pdf.exe", "application/pdf", HARMLESS);

        assertThat(Inspect.blockingReasons(verdict))
                .contains(FindingReason.BLOCKED_EXTENSION, FindingReason.DOUBLE_EXTENSION);
        assertThat(verdict.findings()).anySatisfy(finding ->
                assertThat(finding.detail()).isEqualTo(".pdf.exe"));
    }

    @Test
    void spacesBeforeTheRealExtensionDoNotHideIt() {
        AttachmentVerdict verdict = Inspect.attachment("invoice.pdf" + " ".repeat(40) + ".exe",
                "application/pdf", HARMLESS);

        assertThat(Inspect.blockingReasons(verdict))
                .contains(FindingReason.BLOCKED_EXTENSION, FindingReason.DOUBLE_EXTENSION);
    }

    @Test
    void trailingDotsAndSpacesThatWindowsIgnoresAreIgnored() {
        AttachmentVerdict verdict = Inspect.attachment("setup.exe. . ", "application/octet-stream", HARMLESS);

        assertThat(Inspect.blockingReasons(verdict)).contains(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void rightToLeftOverrideInRfc2231NameIsBlocked() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe",
                "Content-Transfer-Encoding: base64"), RawMail.base64(HARMLESS)).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict))
                .contains(FindingReason.BIDI_CONTROL_IN_NAME, FindingReason.BLOCKED_EXTENSION);
        assertThat(verdict.findings()).allSatisfy(finding ->
                assertThat(finding.fileName()).isEqualTo("invoice\u202Efdp.exe"));
    }

    @Test
    void rightToLeftOverrideInRawUtf8HeaderIsBlocked() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=photo\u202Egpj.scr",
                "Content-Transfer-Encoding: base64"), RawMail.base64(HARMLESS)).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict))
                .contains(FindingReason.BIDI_CONTROL_IN_NAME, FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void rightToLeftOverrideIsBlockedEvenWhenTheRealExtensionIsHarmless() {
        AttachmentVerdict verdict = Inspect.attachment("report\u202Eexe.pdf", "application/pdf", Samples.pdf());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BIDI_CONTROL_IN_NAME);
    }

    @Test
    void encodedWordNameIsDecoded() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"=?UTF-8?B?c2V0dXAuZXhl?=\"",
                "Content-Transfer-Encoding: base64"), RawMail.base64(HARMLESS)).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_EXTENSION);
            assertThat(finding.fileName()).isEqualTo("setup.exe");
        });
    }

    @Test
    void rfc2231ContinuationsAreJoined() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename*0=\"quarterly-\"; filename*1*=%72eport.; filename*2=exe",
                "Content-Transfer-Encoding: base64"), RawMail.base64(HARMLESS)).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.fileName()).isEqualTo("quarterly-report.exe"));
    }

    @Test
    void everySpellingOfTheNameIsChecked() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: application/pdf; name=\"invoice.exe\"",
                "Content-Disposition: attachment; filename=\"invoice.pdf\"",
                "Content-Transfer-Encoding: base64"), RawMail.base64(Samples.pdf())).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void plainAndExtendedFilenamesAreBothChecked() {
        byte[] message = RawMail.message().text("hi").part(List.of(
                "Content-Type: application/pdf",
                "Content-Disposition: attachment; filename=\"invoice.pdf\"; filename*=UTF-8''invoice.js",
                "Content-Transfer-Encoding: base64"), RawMail.base64(Samples.pdf())).bytes();

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void extensionListIsConfigurable() {
        AttachmentPolicySettings settings = AttachmentPolicySettings.builder()
                .blockedExtensions(List.of(".pdf"))
                .build();

        AttachmentVerdict verdict = Inspect.with(settings, RawMail.message().text("hi")
                .attachment("setup.exe", "application/octet-stream", HARMLESS)
                .attachment("report.pdf", "application/pdf", Samples.pdf()).bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.fileName()).isEqualTo("report.pdf");
            assertThat(finding.partPath()).isEqualTo("3");
        });
    }
}
