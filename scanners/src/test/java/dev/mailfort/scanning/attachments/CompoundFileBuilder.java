/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes minimal but valid OLE2 compound files (version 3, 512-byte sectors): a header, one FAT sector, and a
 * directory chain of as many sectors as the entries need. Streams are empty, which the format allows; the
 * directory tree is what the tests are about.
 */
final class CompoundFileBuilder {

    private static final int SECTOR = 512;
    private static final int FREE = 0xFFFFFFFF;
    private static final int END_OF_CHAIN = 0xFFFFFFFE;
    private static final int FAT_SECTOR = 0xFFFFFFFD;
    private static final int NO_STREAM = 0xFFFFFFFF;

    private record Entry(String name, int type, int left, int right, int child) {
    }

    private final List<Entry> entries = new ArrayList<>();

    private CompoundFileBuilder() {
    }

    /** A Word 97 document: Root, WordDocument, 1Table. */
    static CompoundFileBuilder wordDocument() {
        CompoundFileBuilder builder = new CompoundFileBuilder();
        builder.entries.add(new Entry("Root Entry", 5, NO_STREAM, NO_STREAM, 1));
        builder.entries.add(new Entry("WordDocument", 2, NO_STREAM, 2, NO_STREAM));
        builder.entries.add(new Entry("1Table", 2, NO_STREAM, NO_STREAM, NO_STREAM));
        return builder;
    }

    /** The same with a Macros/VBA storage holding _VBA_PROJECT and dir, as Word stores a VBA project. */
    static CompoundFileBuilder wordDocumentWithMacros() {
        CompoundFileBuilder builder = new CompoundFileBuilder();
        builder.entries.add(new Entry("Root Entry", 5, NO_STREAM, NO_STREAM, 1));
        builder.entries.add(new Entry("WordDocument", 2, NO_STREAM, 2, NO_STREAM));
        builder.entries.add(new Entry("1Table", 2, NO_STREAM, 3, NO_STREAM));
        builder.entries.add(new Entry("Macros", 1, NO_STREAM, NO_STREAM, 4));
        builder.entries.add(new Entry("VBA", 1, NO_STREAM, 5, 6));
        builder.entries.add(new Entry("PROJECT", 2, NO_STREAM, NO_STREAM, NO_STREAM));
        builder.entries.add(new Entry("_VBA_PROJECT", 2, NO_STREAM, 7, NO_STREAM));
        builder.entries.add(new Entry("dir", 2, NO_STREAM, NO_STREAM, NO_STREAM));
        return builder;
    }

    /** An OOXML document saved with a password: EncryptionInfo and EncryptedPackage streams. */
    static CompoundFileBuilder encryptedPackage() {
        CompoundFileBuilder builder = new CompoundFileBuilder();
        builder.entries.add(new Entry("Root Entry", 5, NO_STREAM, NO_STREAM, 1));
        builder.entries.add(new Entry("EncryptionInfo", 2, NO_STREAM, 2, NO_STREAM));
        builder.entries.add(new Entry("EncryptedPackage", 2, NO_STREAM, NO_STREAM, NO_STREAM));
        return builder;
    }

    byte[] bytes() {
        int perSector = SECTOR / 128;
        int directorySectors = (entries.size() + perSector - 1) / perSector;
        ByteBuffer file = ByteBuffer.allocate(SECTOR * (2 + directorySectors)).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(file);
        // sector 0: the FAT; sectors 1..n: the directory chain
        int fatStart = SECTOR;
        for (int i = 0; i < SECTOR / 4; i++) {
            int value;
            if (i == 0) {
                value = FAT_SECTOR;
            } else if (i <= directorySectors) {
                value = i == directorySectors ? END_OF_CHAIN : i + 1;
            } else {
                value = FREE;
            }
            file.putInt(fatStart + i * 4, value);
        }
        for (int i = 0; i < directorySectors * perSector; i++) {
            int at = 2 * SECTOR + i * 128;
            if (i < entries.size()) {
                writeEntry(file, at, entries.get(i));
            } else {
                file.putInt(at + 68, NO_STREAM);
                file.putInt(at + 72, NO_STREAM);
                file.putInt(at + 76, NO_STREAM);
            }
        }
        return file.array();
    }

    private static void writeHeader(ByteBuffer file) {
        byte[] signature = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        file.put(0, signature);
        file.putShort(0x18, (short) 0x3E);
        file.putShort(0x1A, (short) 3);
        file.putShort(0x1C, (short) 0xFFFE);
        file.putShort(0x1E, (short) 9);
        file.putShort(0x20, (short) 6);
        file.putInt(0x2C, 1);
        file.putInt(0x30, 1);
        file.putInt(0x38, 4096);
        file.putInt(0x3C, END_OF_CHAIN);
        file.putInt(0x40, 0);
        file.putInt(0x44, END_OF_CHAIN);
        file.putInt(0x48, 0);
        file.putInt(0x4C, 0);
        for (int i = 1; i < 109; i++) {
            file.putInt(0x4C + i * 4, FREE);
        }
    }

    private static void writeEntry(ByteBuffer file, int at, Entry entry) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_16LE);
        file.put(at, name);
        file.putShort(at + 64, (short) (name.length + 2));
        file.put(at + 66, (byte) entry.type());
        file.put(at + 67, (byte) 1);
        file.putInt(at + 68, entry.left());
        file.putInt(at + 72, entry.right());
        file.putInt(at + 76, entry.child());
        file.putInt(at + 116, END_OF_CHAIN);
        file.putLong(at + 120, 0);
    }
}
