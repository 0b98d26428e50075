/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives for the tests with full control over what the JDK's writer decides for us: local sizes or
 * data descriptors, the encryption flag, central-directory names that differ from the local ones.
 */
final class ZipBuilder {

    private final List<Entry> entries = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static final class Entry {
        String localName;
        String centralName;
        long offset;
        int flags;
        int method;
        long crc;
        long compressedSize;
        long size;
    }

    static ZipBuilder zip() {
        return new ZipBuilder();
    }

    ZipBuilder deflated(String name, byte[] content) {
        return add(name, name, content, 8, 0);
    }

    ZipBuilder stored(String name, byte[] content) {
        return add(name, name, content, 0, 0);
    }

    /** Sizes left out of the local header and written after the data, as streaming writers do. */
    ZipBuilder deflatedWithDescriptor(String name, byte[] content) {
        return add(name, name, content, 8, 1 << 3);
    }

    /** General purpose bit 0 set, as ZipCrypto writers do; the bytes themselves are not really encrypted. */
    ZipBuilder encrypted(String name, byte[] content) {
        return add(name, name, content, 0, 1);
    }

    /** The local header says one name, the central directory (what archive tools list) another. */
    ZipBuilder withDirectoryName(String localName, String centralName, byte[] content) {
        return add(localName, centralName, content, 0, 0);
    }

    private ZipBuilder add(String localName, String centralName, byte[] content, int method, int flags) {
        Entry entry = new Entry();
        entry.localName = localName;
        entry.centralName = centralName;
        entry.offset = out.size();
        entry.flags = flags | (1 << 11);
        entry.method = method;
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.crc = crc.getValue();
        entry.size = content.length;
        byte[] data = method == 8 ? deflate(content) : content;
        entry.compressedSize = data.length;
        boolean descriptor = (flags & (1 << 3)) != 0;
        byte[] name = localName.getBytes(StandardCharsets.UTF_8);
        u32(0x04034b50L);
        u16(20);
        u16(entry.flags);
        u16(method);
        u16(0);
        u16(0x21);
        u32(descriptor ? 0 : entry.crc);
        u32(descriptor ? 0 : entry.compressedSize);
        u32(descriptor ? 0 : entry.size);
        u16(name.length);
        u16(0);
        out.writeBytes(name);
        out.writeBytes(data);
        if (descriptor) {
            u32(0x08074b50L);
            u32(entry.crc);
            u32(entry.compressedSize);
            u32(entry.size);
        }
        entries.add(entry);
        return this;
    }

    byte[] bytes() {
        long directoryOffset = out.size();
        for (Entry entry : entries) {
            byte[] name = entry.centralName.getBytes(StandardCharsets.UTF_8);
            u32(0x02014b50L);
            u16(20);
            u16(20);
            u16(entry.flags);
            u16(entry.method);
            u16(0);
            u16(0x21);
            u32(entry.crc);
            u32(entry.compressedSize);
            u32(entry.size);
            u16(name.length);
            u16(0);
            u16(0);
            u16(0);
            u16(0);
            u32(0);
            u32(entry.offset);
            out.writeBytes(name);
        }
        long directorySize = out.size() - directoryOffset;
        u32(0x06054b50L);
        u16(0);
        u16(0);
        u16(entries.size());
        u16(entries.size());
        u32(directorySize);
        u32(directoryOffset);
        u16(0);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            compressed.write(buffer, 0, n);
        }
        deflater.end();
        return compressed.toByteArray();
    }

    private void u16(int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    private void u32(long value) {
        u16((int) (value & 0xFFFF));
        u16((int) ((value >>> 16) & 0xFFFF));
    }
}
