/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates the benchmark corpus: messages shaped like business mail (prose in quoted-printable text and HTML
 * alternatives, base64 attachments of PDF-like and Office documents, zip archives), deterministic from a seed so
 * that every run measures the same bytes.
 */
public final class RealisticMail {

    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or "
            + "his from at which but have an they you were her she there been one all we can has their if more when "
            + "will would who so no quarter revenue forecast meeting invoice contract delivery schedule customer "
            + "support attached please review budget approval team project milestone report figures regional sales "
            + "growth margin product launch update agenda minutes action items deadline signature résumé café naïve")
            .split(" ");
    private static final String CRLF = "\r\n";

    /** Boundaries as Gmail and JavaMail write them: their length is what lets a parser skip through bodies. */
    private static final String ALTERNATIVE = "000000000000b1c5e60610b3c9d1";
    private static final String MIXED = "----=_Part_4211_1387316548.1770026400000";

    private final Random random;

    public RealisticMail(long seed) {
        this.random = new Random(seed);
    }

    /** About 50 KB: a multipart/alternative of quoted-printable text and HTML. */
    public byte[] textAndHtml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers(out, "multipart/alternative; boundary=\"" + ALTERNATIVE + "\"", "Quarterly figures");
        alternative(out, ALTERNATIVE, 19_000, 29_000);
        return out.toByteArray();
    }

    /** About 1 MB: the text and HTML alternatives plus a PDF-like document and a Word document. */
    public byte[] officeAttachments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers(out, "multipart/mixed; boundary=\"" + MIXED + "\"", "Contract and figures");
        write(out, "--" + MIXED + CRLF + "Content-Type: multipart/alternative; boundary=\"" + ALTERNATIVE + "\"" + CRLF
                + CRLF);
        alternative(out, ALTERNATIVE, 3_000, 6_000);
        attachment(out, MIXED, "contract.pdf", "application/pdf", pdf(480_000));
        attachment(out, MIXED, "figures.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx(120_000, 90_000));
        attachment(out, MIXED, "budget.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx(2_000));
        write(out, "--" + MIXED + "--" + CRLF);
        return out.toByteArray();
    }

    /** About 600 KB: a short text and a zip of documents. */
    public byte[] zipAttachment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers(out, "multipart/mixed; boundary=\"" + MIXED + "\"", "Documents");
        write(out, "--" + MIXED + CRLF + "Content-Type: text/plain; charset=utf-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + quotedPrintable(prose(1_500)) + CRLF);
        byte[] zip = zip(new String[] {"scans/contract.pdf", "figures.docx", "export.csv", "notes.txt"},
                new byte[][] {pdf(300_000), docx(80_000, 60_000), csv(3_000), prose(4_000).getBytes(StandardCharsets.UTF_8)});
        attachment(out, MIXED, "documents.zip", "application/zip", zip);
        write(out, "--" + MIXED + "--" + CRLF);
        return out.toByteArray();
    }

    private void headers(ByteArrayOutputStream out, String contentType, String subject) {
        write(out, "Return-Path: <alice@example.com>" + CRLF
                + "Received: from mx.example.com (mx.example.com [192.0.2.10]) by mail.example.net with ESMTPS;"
                + " Mon, 2 Feb 2026 10:00:00 +0000" + CRLF
                + "From: Alice Example <alice@example.com>" + CRLF
                + "To: Bob Example <bob@example.net>" + CRLF
                + "Subject: " + subject + CRLF
                + "Date: Mon, 2 Feb 2026 10:00:00 +0000" + CRLF
                + "Message-ID: <" + random.nextLong() + "@example.com>" + CRLF
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: " + contentType + CRLF + CRLF);
    }

    private void alternative(ByteArrayOutputStream out, String boundary, int textChars, int htmlChars) {
        write(out, "--" + boundary + CRLF + "Content-Type: text/plain; charset=utf-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + quotedPrintable(prose(textChars)) + CRLF);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
                + "p{font-family:Calibri,sans-serif;font-size:11pt}</style></head><body>");
        while (html.length() < htmlChars) {
            html.append("<p style=\"margin:0 0 8px 0\">").append(prose(400)).append("</p>\n");
        }
        html.append("</body></html>");
        write(out, "--" + boundary + CRLF + "Content-Type: text/html; charset=utf-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + quotedPrintable(html.toString()) + CRLF
                + "--" + boundary + "--" + CRLF);
    }

    private void attachment(ByteArrayOutputStream out, String boundary, String name, String type, byte[] content) {
        write(out, "--" + boundary + CRLF + "Content-Type: " + type + "; name=\"" + name + "\"" + CRLF
                + "Content-Disposition: attachment; filename=\"" + name + "\"" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF + CRLF);
        out.writeBytes(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encode(content));
        write(out, CRLF);
    }

    private String prose(int chars) {
        StringBuilder text = new StringBuilder(chars + 100);
        int sentence = 0;
        while (text.length() < chars) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(sentence == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            sentence++;
            if (sentence > 6 && random.nextInt(8) == 0) {
                text.append(random.nextInt(5) == 0 ? ".\n\n" : ". ");
                sentence = 0;
            } else {
                text.append(' ');
            }
        }
        return text.toString();
    }

    /** PDF structure around streams of incompressible bytes, which is what compressed PDF streams look like. */
    private byte[] pdf(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 1024);
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        int object = 3;
        while (out.size() < size) {
            byte[] stream = new byte[8_000 + random.nextInt(24_000)];
            random.nextBytes(stream);
            write(out, object++ + " 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n");
            out.writeBytes(stream);
            write(out, "\nendstream\nendobj\n");
        }
        write(out, "trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return out.toByteArray();
    }

    private byte[] docx(int documentChars, int imageBytes) {
        byte[] image = new byte[imageBytes];
        random.nextBytes(image);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, image, 0, 8);
        StringBuilder document = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
        while (document.length() < documentChars) {
            document.append("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r><w:t xml:space=\"preserve\">")
                    .append(prose(300)).append("</w:t></w:r></w:p>");
        }
        document.append("</w:body></w:document>");
        return zip(new String[] {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
            "docProps/core.xml", "word/media/image1.png"},
                new byte[][] {xml("Types", 1_200), xml("Relationships", 600),
                    document.toString().getBytes(StandardCharsets.UTF_8), xml("w:styles", 20_000), xml("cp:coreProperties", 800),
                    image});
    }

    private byte[] xlsx(int rows) {
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet><sheetData>");
        for (int row = 1; row <= rows; row++) {
            sheet.append("<row r=\"").append(row).append("\">");
            for (int column = 0; column < 6; column++) {
                sheet.append("<c r=\"").append((char) ('A' + column)).append(row).append("\"><v>")
                        .append(random.nextInt(1_000_000)).append("</v></c>");
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        return zip(new String[] {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"},
                new byte[][] {xml("Types", 1_200), xml("Relationships", 600), xml("workbook", 1_500),
                    sheet.toString().getBytes(StandardCharsets.UTF_8)});
    }

    private byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder("date,region,product,units,revenue\n");
        for (int row = 0; row < rows; row++) {
            csv.append("2026-01-").append(1 + random.nextInt(28)).append(',').append(WORDS[random.nextInt(WORDS.length)])
                    .append(",P-").append(random.nextInt(500)).append(',').append(random.nextInt(900)).append(',')
                    .append(random.nextInt(90_000)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] xml(String element, int size) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + element + ">");
        while (xml.length() < size) {
            xml.append("<item name=\"").append(WORDS[random.nextInt(WORDS.length)]).append("\" value=\"")
                    .append(random.nextInt(10_000)).append("\"/>");
        }
        return xml.append("</").append(element).append('>').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Media that is already compressed is stored, the rest deflated, as Office and archivers do. */
    private static byte[] zip(String[] names, byte[][] contents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.length; i++) {
                ZipEntry entry = new ZipEntry(names[i]);
                if (names[i].endsWith(".png") || names[i].endsWith(".pdf")) {
                    CRC32 crc = new CRC32();
                    crc.update(contents[i]);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(contents[i].length);
                    entry.setCompressedSize(contents[i].length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(contents[i]);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 10);
        int lineLength = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '\n') {
                out.append(CRLF);
                lineLength = 0;
                continue;
            }
            String encoded = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c)
                    : String.format("=%02X", c);
            if (lineLength + encoded.length() > 75) {
                out.append('=').append(CRLF);
                lineLength = 0;
            }
            out.append(encoded);
            lineLength += encoded.length();
        }
        return out.toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
