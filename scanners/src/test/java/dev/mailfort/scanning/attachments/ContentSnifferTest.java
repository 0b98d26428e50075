/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    private static ContentKind sniff(byte[] data) {
        return ContentSniffer.sniff(data, data.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesExecutables() {
        assertThat(sniff(Samples.peExecutable())).isEqualTo(ContentKind.PE_EXECUTABLE);
        assertThat(sniff(Samples.elfExecutable())).isEqualTo(ContentKind.ELF_EXECUTABLE);
        assertThat(sniff(Samples.machOExecutable())).isEqualTo(ContentKind.MACH_O_EXECUTABLE);
        assertThat(sniff(Samples.windowsShortcut())).isEqualTo(ContentKind.WINDOWS_SHORTCUT);
        assertThat(sniff(Samples.shellScript())).isEqualTo(ContentKind.SCRIPT);
    }

    @Test
    void textThatStartsWithMzIsText() {
        assertThat(sniff(ascii("MZ Holdings quarterly figures, all regions, all products and all channels."
                + " Prepared by finance."))).isEqualTo(ContentKind.TEXT);
    }

    @Test
    void tellsMachOUniversalBinaryFromJavaClass() {
        assertThat(sniff(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 2}))
                .isEqualTo(ContentKind.MACH_O_EXECUTABLE);
        assertThat(sniff(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61}))
                .isEqualTo(ContentKind.JAVA_CLASS);
    }

    @Test
    void recognisesDocumentsAndArchives() {
        assertThat(sniff(Samples.pdf())).isEqualTo(ContentKind.PDF);
        assertThat(sniff(Samples.docx())).isEqualTo(ContentKind.ZIP);
        assertThat(sniff(CompoundFileBuilder.wordDocument().bytes())).isEqualTo(ContentKind.OLE2);
        assertThat(sniff(ascii("{\\rtx1 exploit"))).isEqualTo(ContentKind.RTF);
        assertThat(sniff(Samples.gzip(new byte[10]))).isEqualTo(ContentKind.GZIP);
        assertThat(sniff(Samples.tar(new String[] {"a"}, new byte[][] {new byte[1]}))).isEqualTo(ContentKind.TAR);
    }

    @Test
    void pdfAfterJunkIsStillPdf() {
        assertThat(sniff(ascii("\r\n\r\n junk %PDF-1.4 rest"))).isEqualTo(ContentKind.PDF);
    }

    @Test
    void recognisesHtmlAfterWhitespaceAndBom() {
        assertThat(sniff(ascii("\u00EF\u00BB\u00BF  \r\n<!DOCTYPE HTML><html>"))).isEqualTo(ContentKind.HTML);
    }

    @Test
    void isoNeedsTheFullWindow() {
        byte[] iso = Samples.isoImage();

        assertThat(ContentSniffer.sniff(iso, ContentSniffer.INITIAL_BYTES)).isEqualTo(ContentKind.UNKNOWN);
        assertThat(ContentSniffer.sniff(iso, ContentSniffer.FULL_BYTES)).isEqualTo(ContentKind.DISK_IMAGE);
    }

    @Test
    void emptyIsEmpty() {
        assertThat(sniff(new byte[0])).isEqualTo(ContentKind.EMPTY);
    }
}
