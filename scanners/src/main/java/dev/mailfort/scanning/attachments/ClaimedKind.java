/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a part's name (first) or declared Content-Type (when the name says nothing) promises, and whether the real
 * content keeps that promise.
 *
 * <p>Only promises broken towards something active are mismatches: a {@code .pdf} that is HTML (a phishing page
 * dressed as a document), a {@code .jpg} that is an executable, a {@code .docx} that is not a zip at all (its
 * entries could not be checked, yet archive tools that look for the zip directory at the end would open it).
 * Harmless slips, such as a PNG sent as {@code .jpg} or a {@code .doc} saved as RTF, are not reported.
 */
final class ClaimedKind {

    private static final Map<String, ContentKind> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", ContentKind.PDF),
            Map.entry("doc", ContentKind.OLE2), Map.entry("dot", ContentKind.OLE2), Map.entry("xls", ContentKind.OLE2),
            Map.entry("xlt", ContentKind.OLE2), Map.entry("ppt", ContentKind.OLE2), Map.entry("pps", ContentKind.OLE2),
            Map.entry("pot", ContentKind.OLE2), Map.entry("msg", ContentKind.OLE2), Map.entry("vsd", ContentKind.OLE2),
            Map.entry("pub", ContentKind.OLE2), Map.entry("mpp", ContentKind.OLE2),
            Map.entry("docx", ContentKind.ZIP), Map.entry("docm", ContentKind.ZIP), Map.entry("dotx", ContentKind.ZIP),
            Map.entry("dotm", ContentKind.ZIP), Map.entry("xlsx", ContentKind.ZIP), Map.entry("xlsm", ContentKind.ZIP),
            Map.entry("xlsb", ContentKind.ZIP), Map.entry("xltx", ContentKind.ZIP), Map.entry("pptx", ContentKind.ZIP),
            Map.entry("pptm", ContentKind.ZIP), Map.entry("ppsx", ContentKind.ZIP), Map.entry("vsdx", ContentKind.ZIP),
            Map.entry("odt", ContentKind.ZIP), Map.entry("ods", ContentKind.ZIP), Map.entry("odp", ContentKind.ZIP),
            Map.entry("odg", ContentKind.ZIP), Map.entry("epub", ContentKind.ZIP), Map.entry("zip", ContentKind.ZIP),
            Map.entry("xps", ContentKind.ZIP), Map.entry("oxps", ContentKind.ZIP),
            Map.entry("png", ContentKind.IMAGE), Map.entry("jpg", ContentKind.IMAGE), Map.entry("jpeg", ContentKind.IMAGE),
            Map.entry("gif", ContentKind.IMAGE), Map.entry("bmp", ContentKind.IMAGE), Map.entry("tif", ContentKind.IMAGE),
            Map.entry("tiff", ContentKind.IMAGE), Map.entry("webp", ContentKind.IMAGE),
            Map.entry("txt", ContentKind.TEXT), Map.entry("csv", ContentKind.TEXT), Map.entry("log", ContentKind.TEXT),
            Map.entry("htm", ContentKind.HTML), Map.entry("html", ContentKind.HTML), Map.entry("svg", ContentKind.HTML),
            Map.entry("rtf", ContentKind.RTF), Map.entry("gz", ContentKind.GZIP), Map.entry("tgz", ContentKind.GZIP),
            Map.entry("tar", ContentKind.TAR));

    private static final Map<String, ContentKind> BY_TYPE = Map.ofEntries(
            Map.entry("application/pdf", ContentKind.PDF),
            Map.entry("application/msword", ContentKind.OLE2),
            Map.entry("application/vnd.ms-excel", ContentKind.OLE2),
            Map.entry("application/vnd.ms-powerpoint", ContentKind.OLE2),
            Map.entry("application/vnd.ms-outlook", ContentKind.OLE2),
            Map.entry("application/zip", ContentKind.ZIP),
            Map.entry("application/x-zip-compressed", ContentKind.ZIP),
            Map.entry("text/html", ContentKind.HTML),
            Map.entry("image/svg+xml", ContentKind.HTML),
            Map.entry("application/rtf", ContentKind.RTF),
            Map.entry("text/rtf", ContentKind.RTF),
            Map.entry("application/gzip", ContentKind.GZIP),
            Map.entry("application/x-gzip", ContentKind.GZIP),
            Map.entry("application/x-tar", ContentKind.TAR),
            Map.entry("application/ms-tnef", ContentKind.TNEF),
            Map.entry("application/vnd.ms-tnef", ContentKind.TNEF));

    /** Content that does something when opened, or that hides other content. */
    private static final Set<ContentKind> ACTIVE = EnumSet.of(
            ContentKind.PE_EXECUTABLE, ContentKind.ELF_EXECUTABLE, ContentKind.MACH_O_EXECUTABLE,
            ContentKind.JAVA_CLASS, ContentKind.SCRIPT, ContentKind.WINDOWS_SHORTCUT, ContentKind.DISK_IMAGE,
            ContentKind.COMPILED_HELP, ContentKind.ZIP, ContentKind.OLE2, ContentKind.GZIP, ContentKind.TAR,
            ContentKind.TNEF,
            ContentKind.RAR, ContentKind.SEVEN_ZIP, ContentKind.CAB, ContentKind.BZIP2, ContentKind.XZ,
            ContentKind.PDF, ContentKind.RTF, ContentKind.HTML);

    private ClaimedKind() {
    }

    /** The promised kind, or null when neither the names nor the declared type promise anything specific. */
    static ContentKind of(List<String> names, String declaredType) {
        for (String name : names) {
            ContentKind byName = BY_EXTENSION.get(FileNameRules.finalExtension(name));
            if (byName != null) {
                return byName;
            }
        }
        if (declaredType == null) {
            return null;
        }
        String type = declaredType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/vnd.openxmlformats-officedocument.")
                || type.startsWith("application/vnd.oasis.opendocument.")
                || type.startsWith("application/vnd.ms-word.") || type.startsWith("application/vnd.ms-excel.")
                || type.startsWith("application/vnd.ms-powerpoint.")) {
            return ContentKind.ZIP;
        }
        if (type.startsWith("image/") && !type.equals("image/svg+xml")) {
            return ContentKind.IMAGE;
        }
        return BY_TYPE.get(type);
    }

    /** A short explanation when {@code actual} breaks the promise of {@code claimed}; null when it keeps it. */
    static String mismatch(ContentKind claimed, ContentKind actual) {
        if (claimed == null || claimed == actual || actual == ContentKind.EMPTY) {
            return null;
        }
        if (claimed == ContentKind.ZIP && actual != ContentKind.OLE2) {
            return "said to be zip-based but is " + actual.description();
        }
        if (!ACTIVE.contains(actual) || compatible(claimed, actual)) {
            return null;
        }
        return "said to be " + claimed.description() + " but is " + actual.description();
    }

    private static boolean compatible(ContentKind claimed, ContentKind actual) {
        return switch (claimed) {
            // Office opens legacy and zip-based documents whatever the extension, and "doc" files saved as RTF or
            // HTML are common
            case OLE2 -> actual == ContentKind.ZIP || actual == ContentKind.RTF || actual == ContentKind.HTML;
            case ZIP -> actual == ContentKind.OLE2;
            case TEXT -> actual == ContentKind.HTML;
            default -> false;
        };
    }
}
