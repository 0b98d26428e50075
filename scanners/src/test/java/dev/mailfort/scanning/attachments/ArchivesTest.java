/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class ArchivesTest {

    private static AttachmentVerdict zipAttachment(byte[] zip) {
        return Inspect.attachment("files.zip", "application/zip", zip);
    }

    @Test
    void executableInZipIsBlocked() {
        AttachmentVerdict verdict = zipAttachment(ZipBuilder.zip()
                .deflated("readme.txt", "read me".getBytes(StandardCharsets.US_ASCII))
                .stored("setup.exe", Samples.peExecutable())
                .bytes());

        assertThat(verdict.isBlocked()).isTrue();
        assertThat(verdict.findings()).allSatisfy(finding -> {
            assertThat(finding.entryPath()).isEqualTo("setup.exe");
            assertThat(finding.fileName()).isEqualTo("files.zip");
        });
        assertThat(Inspect.reasons(verdict))
                .containsExactlyInAnyOrder(FindingReason.BLOCKED_EXTENSION, FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void renamedExecutableInZipIsBlockedByContent() {
        AttachmentVerdict verdict = zipAttachment(ZipBuilder.zip().deflated("photo.jpg", Samples.peExecutable())
                .bytes());

        assertThat(Inspect.blockingReasons(verdict))
                .containsExactlyInAnyOrder(FindingReason.BLOCKED_CONTENT, FindingReason.CONTENT_TYPE_MISMATCH);
    }

    @Test
    void executableInZipWrittenWithDataDescriptorsIsBlocked() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("docs/manual.pdf"));
            zip.write(Samples.pdf());
            zip.putNextEntry(new ZipEntry("docs/viewer.bin"));
            zip.write(Samples.peExecutable());
        }

        AttachmentVerdict verdict = zipAttachment(bytes.toByteArray());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_CONTENT);
            assertThat(finding.entryPath()).isEqualTo("docs/viewer.bin");
        });
    }

    @Test
    void zipsNestedToTheDepthLimitAreOpened() {
        byte[] level3 = ZipBuilder.zip().stored("deep/run.exe", Samples.peExecutable()).bytes();
        byte[] level2 = ZipBuilder.zip().deflated("three.zip", level3).bytes();
        byte[] level1 = ZipBuilder.zip().deflated("two.zip", level2).bytes();

        AttachmentVerdict verdict = zipAttachment(level1);

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_CONTENT);
            assertThat(finding.entryPath()).isEqualTo("two.zip > three.zip > deep/run.exe");
        });
    }

    @Test
    void zipsNestedBeyondTheDepthLimitAreTooComplex() {
        byte[] level4 = ZipBuilder.zip().stored("notes.txt", "fine".getBytes(StandardCharsets.US_ASCII)).bytes();
        byte[] level3 = ZipBuilder.zip().stored("four.zip", level4).bytes();
        byte[] level2 = ZipBuilder.zip().stored("three.zip", level3).bytes();
        byte[] level1 = ZipBuilder.zip().stored("two.zip", level2).bytes();

        AttachmentVerdict verdict = zipAttachment(level1);

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.ARCHIVE_TOO_COMPLEX);
            assertThat(finding.detail()).contains("nested more than 3 deep");
            assertThat(finding.blocking()).isTrue();
        });
    }

    @Test
    void depthLimitIsConfigurable() {
        byte[] inner = ZipBuilder.zip().stored("notes.txt", "fine".getBytes(StandardCharsets.US_ASCII)).bytes();
        byte[] outer = ZipBuilder.zip().stored("inner.zip", inner).bytes();

        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().maxArchiveDepth(1).build(),
                RawMail.message().attachment("outer.zip", "application/zip", outer).bytes());

        assertThat(Inspect.reasons(verdict)).containsExactly(FindingReason.ARCHIVE_TOO_COMPLEX);
    }

    @Test
    void encryptedEntryIsFlagged() {
        AttachmentVerdict verdict = zipAttachment(ZipBuilder.zip().encrypted("invoice.doc", Samples.random(300, 1))
                .bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.ENCRYPTED);
            assertThat(finding.entryPath()).isEqualTo("invoice.doc");
            assertThat(finding.blocking()).isTrue();
        });
    }

    @Test
    void encryptedEntryCanBeAllowed() {
        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().blockEncrypted(false).build(),
                RawMail.message().attachment("files.zip", "application/zip",
                        ZipBuilder.zip().encrypted("invoice.doc", Samples.random(300, 1)).bytes()).bytes());

        assertThat(verdict.isBlocked()).isFalse();
        assertThat(Inspect.reasons(verdict)).containsExactly(FindingReason.ENCRYPTED);
    }

    @Test
    void highlyCompressedEntryIsABomb() {
        AttachmentVerdict verdict = zipAttachment(ZipBuilder.zip().deflated("zeros.txt", new byte[20 << 20]).bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.ARCHIVE_TOO_COMPLEX);
            assertThat(finding.detail()).contains("compression ratio");
        });
    }

    @Test
    void bombWithoutSizesInItsHeaderIsCaughtWhileInflating() {
        AttachmentVerdict verdict = zipAttachment(ZipBuilder.zip()
                .deflatedWithDescriptor("zeros.txt", new byte[20 << 20]).bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.reason()).isEqualTo(FindingReason.ARCHIVE_TOO_COMPLEX));
    }

    @Test
    void tooManyEntriesIsABomb() {
        ZipBuilder zip = ZipBuilder.zip();
        for (int i = 0; i < 51; i++) {
            zip.stored("file" + i + ".txt", new byte[] {'x'});
        }

        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().maxArchiveEntries(50).build(),
                RawMail.message().attachment("many.zip", "application/zip", zip.bytes()).bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.detail()).contains("more than 50 archive entries"));
    }

    @Test
    void tooManyUncompressedBytesIsABomb() {
        byte[] zip = ZipBuilder.zip().deflated("a.bin", Samples.random(600_000, 1))
                .deflated("b.bin", Samples.random(600_000, 2)).bytes();

        AttachmentVerdict verdict = Inspect.with(AttachmentPolicySettings.builder().maxUncompressedBytes(1 << 20)
                .build(), RawMail.message().attachment("big.zip", "application/zip", zip).bytes());

        assertThat(verdict.findings()).singleElement().satisfies(finding ->
                assertThat(finding.detail()).contains("bytes once uncompressed"));
    }

    @Test
    void nameOnlyInTheCentralDirectoryIsChecked() {
        byte[] zip = ZipBuilder.zip().withDirectoryName("readme.txt", "readme.exe",
                "hello".getBytes(StandardCharsets.US_ASCII)).bytes();

        AttachmentVerdict verdict = zipAttachment(zip);

        assertThat(Inspect.blockingReasons(verdict))
                .containsExactlyInAnyOrder(FindingReason.UNINSPECTABLE, FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void truncatedZipIsUninspectable() {
        byte[] zip = ZipBuilder.zip().deflated("a.pdf", Samples.pdf()).deflated("b.bin", Samples.random(5000, 3))
                .bytes();

        AttachmentVerdict verdict = zipAttachment(Arrays.copyOf(zip, zip.length / 2));

        assertThat(verdict.isBlocked()).isTrue();
        assertThat(Inspect.reasons(verdict)).containsOnly(FindingReason.UNINSPECTABLE);
    }

    @Test
    void executableInTarGzIsBlocked() {
        byte[] tar = Samples.tar(new String[] {"tools/readme.txt", "tools/run.exe"},
                new byte[][] {"hi".getBytes(StandardCharsets.US_ASCII), Samples.peExecutable()});

        AttachmentVerdict verdict = Inspect.attachment("tools.tar.gz", "application/gzip", Samples.gzip(tar));

        assertThat(verdict.findings()).allSatisfy(finding ->
                assertThat(finding.entryPath()).isEqualTo("tools/run.exe"));
        assertThat(Inspect.blockingReasons(verdict))
                .containsExactlyInAnyOrder(FindingReason.BLOCKED_EXTENSION, FindingReason.BLOCKED_CONTENT);
    }

    @Test
    void executableInGzipIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("invoice.pdf.gz", "application/gzip",
                Samples.gzip(Samples.peExecutable()));

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_CONTENT);
            assertThat(finding.entryPath()).isEqualTo("invoice.pdf");
        });
    }

    @Test
    void executableInWinmailDatIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("winmail.dat", "application/ms-tnef",
                Samples.tnef("invoice.pdf", Samples.peExecutable()));

        assertThat(verdict.findings()).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_CONTENT);
            assertThat(finding.entryPath()).isEqualTo("invoice.pdf");
        });
    }

    @Test
    void blockedNameInWinmailDatIsBlocked() {
        AttachmentVerdict verdict = Inspect.attachment("winmail.dat", "application/ms-tnef",
                Samples.tnef("run.js", "alert(1)".getBytes(StandardCharsets.US_ASCII)));

        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(FindingReason.BLOCKED_EXTENSION);
            assertThat(finding.entryPath()).isEqualTo("run.js");
        });
    }

    @Test
    void documentInWinmailDatIsClean() {
        AttachmentVerdict verdict = Inspect.attachment("winmail.dat", "application/ms-tnef",
                Samples.tnef("report.pdf", Samples.pdf()));

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void gzipBombIsCaught() {
        AttachmentVerdict verdict = Inspect.attachment("log.gz", "application/gzip", Samples.gzip(new byte[20 << 20]));

        assertThat(Inspect.reasons(verdict)).containsExactly(FindingReason.ARCHIVE_TOO_COMPLEX);
    }
}
