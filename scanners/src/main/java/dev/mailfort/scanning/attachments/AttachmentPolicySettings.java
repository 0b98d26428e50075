/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the attachment policy can be told, immutable, with defaults meant for a business mailbox.
 *
 * <p>Defaults: the extensions in {@link #DEFAULT_BLOCKED_EXTENSIONS}; the content kinds in
 * {@link #DEFAULT_BLOCKED_CONTENT_KINDS} (executables, scripts, shortcuts, disk images, help files, and the archive
 * formats we cannot open); archives opened to depth 3, at most 10,000 entries, 512 MiB uncompressed and a
 * compression ratio of 100 (judged only past 1 MiB); encrypted content, macros, uninspectable content, double
 * extensions, bidi tricks and content-type mismatches block; recoverable MIME damage is only reported. MIME structure
 * is limited to 1,000 parts nested 20 deep with header fields of 64 KiB, 1,000 per entity.
 */
public final class AttachmentPolicySettings {

    /** Run when opened, mounted or double-clicked on Windows or macOS, plus the script hosts' extensions. */
    public static final Set<String> DEFAULT_BLOCKED_EXTENSIONS = Set.of(
            "ade", "adp", "app", "application", "appx", "appxbundle", "bas", "bat", "chm", "cmd", "cnt", "com",
            "cpl", "csh", "diagcab", "dll", "dmg", "exe", "fxp", "gadget", "grp", "hlp", "hpj", "hta", "htt", "img",
            "inf", "ins", "iso", "isp", "its", "jar", "jnlp", "js", "jse", "ksh", "library-ms", "lnk", "mad", "maf",
            "mag", "mam", "maq", "mar", "mas", "mau", "mav", "maw", "mcf", "mda", "mde", "mdt", "mdw", "mdz",
            "msc", "msh", "msh1", "msh1xml", "msh2", "msh2xml", "mshxml", "msi", "msix", "msixbundle", "msp", "mst",
            "msu", "ocx", "one", "onepkg", "ops", "osd", "pcd", "pif", "plg", "prf", "prg", "printerexport", "ps1",
            "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "psd1", "psdm1", "psm1", "reg", "scf", "scr", "sct",
            "search-ms", "settingcontent-ms", "shb", "shs", "sys", "url", "vb", "vbe", "vbp", "vbs", "vhd", "vhdx",
            "vsmacros", "vsw", "vxd", "webpnp", "website", "ws", "wsc", "wsf", "wsh", "xbap", "xll", "xnk");

    /** Runnable or mountable content, plus archives whose entries we cannot see. */
    public static final Set<ContentKind> DEFAULT_BLOCKED_CONTENT_KINDS = Set.copyOf(EnumSet.of(
            ContentKind.PE_EXECUTABLE, ContentKind.ELF_EXECUTABLE, ContentKind.MACH_O_EXECUTABLE,
            ContentKind.SCRIPT, ContentKind.WINDOWS_SHORTCUT, ContentKind.DISK_IMAGE, ContentKind.COMPILED_HELP,
            ContentKind.RAR, ContentKind.SEVEN_ZIP, ContentKind.CAB, ContentKind.BZIP2, ContentKind.XZ));

    private static final long MIB = 1024L * 1024L;

    /** The defaults described in the class comment. */
    public static final AttachmentPolicySettings DEFAULTS = builder().build();

    private final Set<String> blockedExtensions;
    private final Set<ContentKind> blockedContentKinds;
    private final int maxArchiveDepth;
    private final int maxArchiveEntries;
    private final long maxUncompressedBytes;
    private final int maxCompressionRatio;
    private final long compressionRatioMinBytes;
    private final boolean blockEncrypted;
    private final boolean blockMacros;
    private final boolean blockUninspectable;
    private final boolean blockMalformedMime;
    private final boolean blockContentTypeMismatch;
    private final boolean blockDoubleExtensions;
    private final boolean blockBidiControls;
    private final int maxMimeDepth;
    private final int maxParts;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final int maxFindings;

    private AttachmentPolicySettings(Builder builder) {
        this.blockedExtensions = Set.copyOf(builder.blockedExtensions);
        this.blockedContentKinds = Set.copyOf(builder.blockedContentKinds);
        this.maxArchiveDepth = builder.maxArchiveDepth;
        this.maxArchiveEntries = builder.maxArchiveEntries;
        this.maxUncompressedBytes = builder.maxUncompressedBytes;
        this.maxCompressionRatio = builder.maxCompressionRatio;
        this.compressionRatioMinBytes = builder.compressionRatioMinBytes;
        this.blockEncrypted = builder.blockEncrypted;
        this.blockMacros = builder.blockMacros;
        this.blockUninspectable = builder.blockUninspectable;
        this.blockMalformedMime = builder.blockMalformedMime;
        this.blockContentTypeMismatch = builder.blockContentTypeMismatch;
        this.blockDoubleExtensions = builder.blockDoubleExtensions;
        this.blockBidiControls = builder.blockBidiControls;
        this.maxMimeDepth = builder.maxMimeDepth;
        this.maxParts = builder.maxParts;
        this.maxHeaderBytes = builder.maxHeaderBytes;
        this.maxHeaderCount = builder.maxHeaderCount;
        this.maxFindings = builder.maxFindings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Lower-case extensions without the dot. */
    public Set<String> blockedExtensions() {
        return blockedExtensions;
    }

    public Set<ContentKind> blockedContentKinds() {
        return blockedContentKinds;
    }

    /** How many archive levels are opened: 1 reads the entries of an attached zip but not of a zip inside it. */
    public int maxArchiveDepth() {
        return maxArchiveDepth;
    }

    /** Entries counted over all archive levels of one attachment. */
    public int maxArchiveEntries() {
        return maxArchiveEntries;
    }

    /** Uncompressed bytes counted over all archive levels of one attachment. */
    public long maxUncompressedBytes() {
        return maxUncompressedBytes;
    }

    /** Uncompressed size divided by compressed size, for one entry and for a whole attachment. */
    public int maxCompressionRatio() {
        return maxCompressionRatio;
    }

    /** The ratio is only judged past this many uncompressed bytes: small runs of zeros are normal. */
    public long compressionRatioMinBytes() {
        return compressionRatioMinBytes;
    }

    public boolean blockEncrypted() {
        return blockEncrypted;
    }

    public boolean blockMacros() {
        return blockMacros;
    }

    public boolean blockUninspectable() {
        return blockUninspectable;
    }

    public boolean blockMalformedMime() {
        return blockMalformedMime;
    }

    public boolean blockContentTypeMismatch() {
        return blockContentTypeMismatch;
    }

    public boolean blockDoubleExtensions() {
        return blockDoubleExtensions;
    }

    public boolean blockBidiControls() {
        return blockBidiControls;
    }

    /** Multiparts and attached messages nested deeper than this make the message uninspectable. */
    public int maxMimeDepth() {
        return maxMimeDepth;
    }

    /** More MIME entities than this make the message uninspectable. */
    public int maxParts() {
        return maxParts;
    }

    /** Longest header field (and header line) accepted, in bytes. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Most header fields accepted per MIME entity. */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** Findings kept in a verdict; further ones are only counted. */
    public int maxFindings() {
        return maxFindings;
    }

    /** Whether a finding with this reason blocks the message under these settings. */
    public boolean blocks(FindingReason reason) {
        return switch (reason) {
            case BLOCKED_EXTENSION, BLOCKED_CONTENT, ARCHIVE_TOO_COMPLEX -> true;
            case DOUBLE_EXTENSION -> blockDoubleExtensions;
            case BIDI_CONTROL_IN_NAME -> blockBidiControls;
            case CONTENT_TYPE_MISMATCH -> blockContentTypeMismatch;
            case ENCRYPTED -> blockEncrypted;
            case MACRO -> blockMacros;
            case UNINSPECTABLE -> blockUninspectable;
            case MALFORMED_MIME -> blockMalformedMime;
        };
    }

    @Override
    public String toString() {
        return "AttachmentPolicySettings{blockedExtensions=" + new TreeSet<>(blockedExtensions)
                + ", blockedContentKinds=" + new TreeSet<>(blockedContentKinds)
                + ", maxArchiveDepth=" + maxArchiveDepth + ", maxArchiveEntries=" + maxArchiveEntries
                + ", maxUncompressedBytes=" + maxUncompressedBytes + ", maxCompressionRatio=" + maxCompressionRatio
                + ", compressionRatioMinBytes=" + compressionRatioMinBytes + ", blockEncrypted=" + blockEncrypted
                + ", blockMacros=" + blockMacros + ", blockUninspectable=" + blockUninspectable
                + ", blockMalformedMime=" + blockMalformedMime
                + ", blockContentTypeMismatch=" + blockContentTypeMismatch
                + ", blockDoubleExtensions=" + blockDoubleExtensions + ", blockBidiControls=" + blockBidiControls
                + ", maxMimeDepth=" + maxMimeDepth + ", maxParts=" + maxParts + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxHeaderCount=" + maxHeaderCount + ", maxFindings=" + maxFindings + '}';
    }

    /** Starts from the defaults; every setter checks its value at once. */
    public static final class Builder {
        private Set<String> blockedExtensions = DEFAULT_BLOCKED_EXTENSIONS;
        private Set<ContentKind> blockedContentKinds = DEFAULT_BLOCKED_CONTENT_KINDS;
        private int maxArchiveDepth = 3;
        private int maxArchiveEntries = 10_000;
        private long maxUncompressedBytes = 512 * MIB;
        private int maxCompressionRatio = 100;
        private long compressionRatioMinBytes = MIB;
        private boolean blockEncrypted = true;
        private boolean blockMacros = true;
        private boolean blockUninspectable = true;
        private boolean blockMalformedMime = false;
        private boolean blockContentTypeMismatch = true;
        private boolean blockDoubleExtensions = true;
        private boolean blockBidiControls = true;
        private int maxMimeDepth = 20;
        private int maxParts = 1_000;
        private int maxHeaderBytes = 64 * 1024;
        private int maxHeaderCount = 1_000;
        private int maxFindings = 100;

        private Builder() {
        }

        private Builder(AttachmentPolicySettings settings) {
            blockedExtensions = settings.blockedExtensions;
            blockedContentKinds = settings.blockedContentKinds;
            maxArchiveDepth = settings.maxArchiveDepth;
            maxArchiveEntries = settings.maxArchiveEntries;
            maxUncompressedBytes = settings.maxUncompressedBytes;
            maxCompressionRatio = settings.maxCompressionRatio;
            compressionRatioMinBytes = settings.compressionRatioMinBytes;
            blockEncrypted = settings.blockEncrypted;
            blockMacros = settings.blockMacros;
            blockUninspectable = settings.blockUninspectable;
            blockMalformedMime = settings.blockMalformedMime;
            blockContentTypeMismatch = settings.blockContentTypeMismatch;
            blockDoubleExtensions = settings.blockDoubleExtensions;
            blockBidiControls = settings.blockBidiControls;
            maxMimeDepth = settings.maxMimeDepth;
            maxParts = settings.maxParts;
            maxHeaderBytes = settings.maxHeaderBytes;
            maxHeaderCount = settings.maxHeaderCount;
            maxFindings = settings.maxFindings;
        }

        /** Replaces the list; entries are trimmed, lower-cased, and a leading dot or {@code *.} is dropped. */
        public Builder blockedExtensions(Collection<String> extensions) {
            Set<String> normalised = new TreeSet<>();
            for (String extension : extensions) {
                String value = extension.trim().toLowerCase(Locale.ROOT);
                if (value.startsWith("*")) {
                    value = value.substring(1);
                }
                if (value.startsWith(".")) {
                    value = value.substring(1);
                }
                if (value.isEmpty() || value.contains(".") || value.contains("/")) {
                    throw new IllegalArgumentException("not a file extension: '" + extension + "'");
                }
                normalised.add(value);
            }
            this.blockedExtensions = normalised;
            return this;
        }

        public Builder blockedContentKinds(Collection<ContentKind> kinds) {
            this.blockedContentKinds = kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds);
            return this;
        }

        public Builder maxArchiveDepth(int value) {
            this.maxArchiveDepth = atLeast("maxArchiveDepth", value, 1);
            return this;
        }

        public Builder maxArchiveEntries(int value) {
            this.maxArchiveEntries = atLeast("maxArchiveEntries", value, 1);
            return this;
        }

        public Builder maxUncompressedBytes(long value) {
            this.maxUncompressedBytes = atLeast("maxUncompressedBytes", value, 1);
            return this;
        }

        public Builder maxCompressionRatio(int value) {
            this.maxCompressionRatio = atLeast("maxCompressionRatio", value, 1);
            return this;
        }

        public Builder compressionRatioMinBytes(long value) {
            this.compressionRatioMinBytes = atLeast("compressionRatioMinBytes", value, 0);
            return this;
        }

        public Builder blockEncrypted(boolean value) {
            this.blockEncrypted = value;
            return this;
        }

        public Builder blockMacros(boolean value) {
            this.blockMacros = value;
            return this;
        }

        public Builder blockUninspectable(boolean value) {
            this.blockUninspectable = value;
            return this;
        }

        public Builder blockMalformedMime(boolean value) {
            this.blockMalformedMime = value;
            return this;
        }

        public Builder blockContentTypeMismatch(boolean value) {
            this.blockContentTypeMismatch = value;
            return this;
        }

        public Builder blockDoubleExtensions(boolean value) {
            this.blockDoubleExtensions = value;
            return this;
        }

        public Builder blockBidiControls(boolean value) {
            this.blockBidiControls = value;
            return this;
        }

        public Builder maxMimeDepth(int value) {
            this.maxMimeDepth = atLeast("maxMimeDepth", value, 1);
            return this;
        }

        public Builder maxParts(int value) {
            this.maxParts = atLeast("maxParts", value, 1);
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            this.maxHeaderBytes = atLeast("maxHeaderBytes", value, 1024);
            return this;
        }

        public Builder maxHeaderCount(int value) {
            this.maxHeaderCount = atLeast("maxHeaderCount", value, 10);
            return this;
        }

        public Builder maxFindings(int value) {
            this.maxFindings = atLeast("maxFindings", value, 1);
            return this;
        }

        public AttachmentPolicySettings build() {
            return new AttachmentPolicySettings(this);
        }

        private static int atLeast(String name, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
            }
            return value;
        }

        private static long atLeast(String name, long value, long minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
            }
            return value;
        }
    }
}
