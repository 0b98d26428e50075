/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

/**
 * The zip-bomb guards of one attachment, shared by every archive level inside it: entry count, uncompressed bytes,
 * and the compression ratio (per entry and for the attachment as a whole). Tripping one aborts the attachment's
 * inspection with {@link InspectionAbortedException}.
 */
final class ArchiveBudget {

    private final AttachmentPolicySettings settings;
    private int entries;
    private long uncompressed;
    private long compressed;

    ArchiveBudget(AttachmentPolicySettings settings) {
        this.settings = settings;
    }

    void countEntry() {
        entries++;
        if (entries > settings.maxArchiveEntries()) {
            throw new InspectionAbortedException("more than " + settings.maxArchiveEntries() + " archive entries");
        }
    }

    /** Bytes as they sit in the outermost archive, against which the overall ratio is judged. */
    void addCompressed(long bytes) {
        compressed += Math.max(0, bytes);
    }

    void addUncompressed(long bytes) {
        uncompressed += Math.max(0, bytes);
        if (uncompressed > settings.maxUncompressedBytes()) {
            throw new InspectionAbortedException("more than " + settings.maxUncompressedBytes()
                    + " bytes once uncompressed");
        }
    }

    /** Judged between entries, once the compressed size of the entry just read is known. */
    void checkTotalRatio() {
        checkRatio(uncompressed, compressed, "whole attachment");
    }

    void checkRatio(long uncompressedBytes, long compressedBytes, String what) {
        if (uncompressedBytes > settings.compressionRatioMinBytes()
                && uncompressedBytes / Math.max(1, compressedBytes) > settings.maxCompressionRatio()) {
            throw new InspectionAbortedException("compression ratio above " + settings.maxCompressionRatio()
                    + ":1 (" + what + ")");
        }
    }
}
