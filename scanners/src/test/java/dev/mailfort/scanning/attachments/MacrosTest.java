/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MacrosTest {

    @Test
    void docmWithVbaProjectIsAMacro() {
        AttachmentVerdict verdict = Inspect.attachment("report.docm",
                "application/vnd.ms-word.document.macroEnabled.12", Samples.docm());

        assertThat(verdict.isBlocked()).isTrue();
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.MACRO);
            assertThat(finding.entryPath()).isEqualTo("word/vbaProject.bin");
        });
    }

    @Test
    void renamedDocxWithVbaProjectIsAMacro() {
        AttachmentVerdict verdict = Inspect.attachment("report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Samples.docm());

        assertThat(Inspect.blockingReasons(verdict)).contains(FindingReason.MACRO);
    }

    @Test
    void legacyDocumentWithVbaStorageIsAMacro() {
        AttachmentVerdict verdict = Inspect.attachment("invoice.doc", "application/msword",
                CompoundFileBuilder.wordDocumentWithMacros().bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.MACRO);
            assertThat(finding.detail()).contains("OLE2");
            assertThat(finding.entryPath()).isEmpty();
        });
    }

    @Test
    void legacyDocumentWithMacrosInsideAZipIsAMacro() {
        byte[] zip = ZipBuilder.zip().deflated("scans/invoice.xls", CompoundFileBuilder.wordDocumentWithMacros().bytes())
                .bytes();

        AttachmentVerdict verdict = Inspect.attachment("scans.zip", "application/zip", zip);

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.MACRO);
            assertThat(finding.entryPath()).isEqualTo("scans/invoice.xls");
        });
    }

    @Test
    void passwordProtectedOfficeDocumentIsEncrypted() {
        AttachmentVerdict verdict = Inspect.attachment("salaries.xlsx", "application/octet-stream",
                CompoundFileBuilder.encryptedPackage().bytes());

        assertThat(Inspect.blockingReasons(verdict)).containsExactly(FindingReason.ENCRYPTED);
    }

    @Test
    void macrosCanBeAllowed() {
        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().blockMacros(false).build(),
                RawMail.message().attachment("report.docm", "application/octet-stream", Samples.docm()).bytes());

        assertThat(verdict.isBlocked()).isFalse();
        assertThat(Inspect.reasons(verdict)).containsExactly(FindingReason.MACRO);
    }
}
