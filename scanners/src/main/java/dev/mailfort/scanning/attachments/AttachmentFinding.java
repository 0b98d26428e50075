/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.Objects;

/**
 * One thing the policy found about one MIME part, or about one entry inside that part's archives.
 *
 * @param partPath  IMAP-style section number of the MIME part ({@code 1}, {@code 2.1}, ...); empty when the finding
 *                  is about the message as a whole (for example when its structure cannot be parsed)
 * @param fileName  the part's file name as decoded from its headers; empty when it has none
 * @param entryPath the path inside the part's archives, levels separated by {@code " > "}
 *                  ({@code docs.zip > inner.zip > run.exe} gives {@code inner.zip > run.exe}); empty for the part itself
 * @param reason    why it was reported
 * @param detail    a short human-readable explanation
 * @param blocking  whether the settings make this finding block the message
 */
public record AttachmentFinding(String partPath, String fileName, String entryPath, FindingReason reason,
                                String detail, boolean blocking) {

    public AttachmentFinding {
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(entryPath, "entryPath");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** True when the finding concerns the message as a whole rather than one part: it cannot be stripped. */
    public boolean isMessageLevel() {
        return partPath.isEmpty();
    }

    /** The name to show people: the entry inside the archive when there is one, else the part's file name. */
    public String displayName() {
        if (!entryPath.isEmpty()) {
            return fileName.isEmpty() ? entryPath : fileName + " > " + entryPath;
        }
        return fileName;
    }

    /** One line for logs and attributes: {@code part 2 "a.zip > run.exe": blocked-content (...)}. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(isMessageLevel() ? "message" : "part " + partPath);
        String name = displayName();
        if (!name.isEmpty()) {
            line.append(" \"").append(name).append('"');
        }
        line.append(": ").append(reason.label());
        if (!detail.isEmpty()) {
            line.append(" (").append(detail).append(')');
        }
        if (!blocking) {
            line.append(" [not blocking]");
        }
        return line.toString();
    }
}
