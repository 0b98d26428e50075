/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class CleanMailTest {

    @Test
    void textAndHtmlMailIsClean() {
        AttachmentVerdict verdict = Inspect.withDefaults(RawMail.message()
                .text("Hello Bob,\r\nthe figures are below.\r\n")
                .html("<html><body><p>Hello Bob,</p></body></html>")
                .bytes());

        assertThat(verdict.outcome()).isEqualTo(AttachmentVerdict.Outcome.CLEAN);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.partsInspected()).isEqualTo(2);
    }

    @Test
    void mailWithoutMimeIsClean() {
        byte[] message = ("From: a@example.com\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nJust text.\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        AttachmentVerdict verdict = Inspect.withDefaults(message);

        assertThat(verdict.isBlocked()).isFalse();
        assertThat(verdict.partsInspected()).isEqualTo(1);
    }

    @Test
    void pdfAttachmentIsClean() {
        AttachmentVerdict verdict = Inspect.attachment("report.pdf", "application/pdf", Samples.pdf());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void docxAttachmentIsClean() {
        AttachmentVerdict verdict = Inspect.attachment("report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Samples.docx());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void docxWrittenWithDataDescriptorsIsClean() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document>figures</w:document>".repeat(500).getBytes(StandardCharsets.US_ASCII));
        }

        AttachmentVerdict verdict = Inspect.attachment("report.docx", "application/octet-stream", bytes.toByteArray());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void legacyWordDocumentWithoutMacrosIsClean() {
        AttachmentVerdict verdict = Inspect.attachment("letter.doc", "application/msword",
                CompoundFileBuilder.wordDocument().bytes());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void imageIsClean() {
        AttachmentVerdict verdict = Inspect.attachment("photo.png", "image/png", Samples.png());

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void tarGzOfDocumentsIsClean() {
        byte[] tar = Samples.tar(new String[] {"docs/a.pdf", "docs/b.txt"},
                new byte[][] {Samples.pdf(), "notes".getBytes(StandardCharsets.US_ASCII)});

        AttachmentVerdict verdict = Inspect.attachment("docs.tar.gz", "application/gzip", Samples.gzip(tar));

        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void zipOfDocumentsIsClean() {
        byte[] zip = ZipBuilder.zip().deflated("a.pdf", Samples.pdf()).stored("b.docx", Samples.docx()).bytes();

        AttachmentVerdict verdict = Inspect.attachment("docs.zip", "application/zip", zip);

        assertThat(verdict.findings()).isEmpty();
    }
}
