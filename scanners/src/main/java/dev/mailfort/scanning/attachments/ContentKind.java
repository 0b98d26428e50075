/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

/**
 * What a part or archive entry really is, judged from its first bytes and never from its name or declared type.
 *
 * <p>Each constant knows whether it can run code when opened ({@link #isExecutable()}). Zip, tar, gzip, TNEF and OLE2
 * content is looked into; archives the policy cannot open are constants of their own ({@link #isOpaqueArchive()})
 * so that an administrator can decide to block them (the default) instead of letting their content through unseen.
 */
public enum ContentKind {
    PE_EXECUTABLE("Windows/DOS executable (MZ)", true),
    ELF_EXECUTABLE("ELF executable", true),
    MACH_O_EXECUTABLE("Mach-O executable", true),
    JAVA_CLASS("Java class file", true),
    SCRIPT("script with #! interpreter line", true),
    WINDOWS_SHORTCUT("Windows shortcut (LNK)", true),
    DISK_IMAGE("disk image (ISO 9660, UDF, VHD, VHDX, FAT)", true),
    COMPILED_HELP("compiled HTML help (CHM)", true),
    ZIP("zip archive or zip-based document"),
    OLE2("OLE2 compound file (legacy Office, MSI, Outlook item)"),
    GZIP("gzip stream"),
    TAR("tar archive"),
    TNEF("TNEF (winmail.dat) container"),
    RAR("RAR archive"),
    SEVEN_ZIP("7-Zip archive"),
    CAB("Microsoft cabinet archive"),
    BZIP2("bzip2 stream"),
    XZ("xz stream"),
    PDF("PDF document"),
    RTF("RTF document"),
    HTML("HTML document"),
    IMAGE("image (PNG, JPEG, GIF, BMP, TIFF, WebP)"),
    TEXT("plain text"),
    EMPTY("empty"),
    UNKNOWN("unrecognised binary data");

    private final String description;
    private final boolean executable;

    ContentKind(String description) {
        this(description, false);
    }

    ContentKind(String description, boolean executable) {
        this.description = description;
        this.executable = executable;
    }

    public String description() {
        return description;
    }

    /** Code that a double click (or a mount) runs, as opposed to a document read by an application. */
    public boolean isExecutable() {
        return executable;
    }

    /** Archive formats the policy recognises but cannot open: their entries would pass unseen. */
    public boolean isOpaqueArchive() {
        return this == RAR || this == SEVEN_ZIP || this == CAB || this == BZIP2 || this == XZ;
    }
}
