/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

/**
 * Where a finding is: which MIME part, under which file name, and how deep inside that part's archives.
 *
 * @param partPath  IMAP-style section number, empty for the message itself
 * @param fileName  the part's own file name, empty when it has none
 * @param entryPath archive entries from the outermost in, joined with {@code " > "}; empty for the part itself
 */
record Location(String partPath, String fileName, String entryPath) {

    static final String SEPARATOR = " > ";

    static Location message() {
        return new Location("", "", "");
    }

    Location child(String entryName) {
        return new Location(partPath, fileName, entryPath.isEmpty() ? entryName : entryPath + SEPARATOR + entryName);
    }
}
