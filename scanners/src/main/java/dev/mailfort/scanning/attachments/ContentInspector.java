/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Judges one piece of content, a MIME part's or an archive entry's: its names, its real kind, and what is inside
 * when it is a container. Archive walkers call back in here for each entry, which is how nesting works.
 *
 * <p>Memory stays bounded: only the first {@link ContentSniffer#FULL_BYTES} bytes are held (one buffer per archive
 * level), containers are streamed, and anything else is left unread so that the MIME parser skips it raw.
 */
final class ContentInspector {

    private final AttachmentPolicySettings settings;
    private final Findings findings;
    private byte[][] sniffBuffers;

    ContentInspector(AttachmentPolicySettings settings, Findings findings) {
        this.settings = settings;
        this.findings = findings;
        this.sniffBuffers = new byte[settings.maxArchiveDepth() + 2][];
    }

    /**
     * Inspects a leaf MIME part. Never throws: whatever stops the inspection becomes a finding on the part.
     *
     * @param names        every file name the part's headers give, preferred first
     * @param declaredType the Content-Type's media type, lower case
     * @param plainText    true for a text/plain body, which is also searched for uuencoded and yEnc files
     */
    void inspectPart(Location part, List<String> names, String declaredType, InputStream content, boolean plainText) {
        ArchiveBudget budget = new ArchiveBudget(settings);
        try {
            inspect(part, names, declaredType, content, 0, budget, plainText);
        } catch (InspectionAbortedException e) {
            report(part, FindingReason.ARCHIVE_TOO_COMPLEX, e.getMessage());
        } catch (IOException e) {
            report(part, FindingReason.UNINSPECTABLE, describe(e));
        } catch (RuntimeException e) {
            report(part, FindingReason.UNINSPECTABLE, "inspection failed: " + e);
        }
    }

    /**
     * The first bytes of something handed on as an attached message ({@code message/*}, {@code .eml}): whatever
     * opens it, executable content under that label is still blocked. Returns the content whole again.
     */
    InputStream checkAttachedMessageContent(Location part, InputStream content) {
        byte[] head = new byte[ContentSniffer.INITIAL_BYTES];
        try {
            int length = readUpTo(content, head, 0, head.length);
            ContentKind kind = ContentSniffer.sniff(head, length);
            if (kind.isExecutable() && settings.blockedContentKinds().contains(kind)) {
                report(part, FindingReason.BLOCKED_CONTENT, kind.description());
            }
            return new PrefixedInputStream(head, length, content);
        } catch (IOException e) {
            report(part, FindingReason.UNINSPECTABLE, describe(e));
            return InputStream.nullInputStream();
        }
    }

    /** Called by the archive walkers for each entry; a broken nested container is reported here, not above. */
    void inspectEntry(Location entry, List<String> names, InputStream content, int level, ArchiveBudget budget)
            throws IOException {
        checkMacroEntryName(entry, names.get(0));
        try {
            inspect(entry, names, null, content, level, budget, false);
        } catch (MalformedContainerException e) {
            report(entry, FindingReason.UNINSPECTABLE, describe(e));
        }
    }

    void checkNames(Location at, List<String> names) {
        for (String name : names) {
            for (FileNameRules.NameProblem problem : FileNameRules.check(name, settings.blockedExtensions())) {
                report(at, problem.reason(), problem.detail());
            }
        }
    }

    void report(Location at, FindingReason reason, String detail) {
        findings.add(at.partPath(), at.fileName(), at.entryPath(), reason, detail);
    }

    private void inspect(Location at, List<String> names, String declaredType, InputStream content, int level,
                         ArchiveBudget budget, boolean plainText) throws IOException {
        checkNames(at, names);
        byte[] head = sniffBuffer(level, ContentSniffer.INITIAL_BYTES);
        int length = readUpTo(content, head, 0, ContentSniffer.INITIAL_BYTES);
        ContentKind kind = ContentSniffer.sniff(head, length);
        if (ContentSniffer.mayNeedMore(kind) && length == ContentSniffer.INITIAL_BYTES) {
            head = sniffBuffer(level, ContentSniffer.FULL_BYTES);
            length = readUpTo(content, head, length, ContentSniffer.FULL_BYTES);
            kind = ContentSniffer.sniff(head, length);
        }
        if (settings.blockedContentKinds().contains(kind)) {
            report(at, FindingReason.BLOCKED_CONTENT, kind.isOpaqueArchive()
                    ? kind.description() + ", which cannot be looked into" : kind.description());
        }
        if (level > 0 || !names.isEmpty() || isSpecificType(declaredType)) {
            String mismatch = ClaimedKind.mismatch(ClaimedKind.of(names, declaredType), kind);
            if (mismatch != null) {
                report(at, FindingReason.CONTENT_TYPE_MISMATCH, mismatch);
            }
        }
        InputStream whole = new PrefixedInputStream(head, length, content);
        switch (kind) {
            case ZIP -> new ZipWalker(this, at, enterArchive(at, level), budget).walk(whole);
            case TAR -> new TarWalker(this, at, enterArchive(at, level), budget, level == 0).walk(whole);
            case GZIP -> inspectGzip(at, names, whole, enterArchive(at, level), budget);
            case OLE2 -> inspectCompoundFile(at, whole);
            case TNEF -> new TnefWalker(this, at, enterArchive(at, level), budget).walk(whole);
            case TEXT -> {
                if (plainText) {
                    inspectEmbeddedFiles(at, whole);
                }
            }
            default -> {
                // nothing inside to look at: the rest is not read at all
            }
        }
    }

    private int enterArchive(Location at, int level) {
        int next = level + 1;
        if (next > settings.maxArchiveDepth()) {
            throw new InspectionAbortedException("archives nested more than " + settings.maxArchiveDepth()
                    + " deep" + (at.entryPath().isEmpty() ? "" : " at " + at.entryPath()));
        }
        return next;
    }

    /** A gzip wrapping a tar is one archive level ({@code .tar.gz}); anything else inside counts as an entry. */
    private void inspectGzip(Location at, List<String> names, InputStream whole, int level, ArchiveBudget budget)
            throws IOException {
        GzipContent inner = GzipContent.open(whole, budget, at.entryPath());
        String innerName = innerGzipName(names.isEmpty() ? "" : names.get(0));
        byte[] head = new byte[512];
        int length = readUpTo(inner, head, 0, head.length);
        InputStream content = new PrefixedInputStream(head, length, inner);
        if (ContentSniffer.sniff(head, length) == ContentKind.TAR) {
            new TarWalker(this, at, level, budget, false).walk(content);
        } else {
            inspectEntry(at.child(innerName), List.of(innerName), content, level, budget);
        }
        // gzip states no size up front: only inflating to the end, under the guards, shows a bomb
        inner.skip(Long.MAX_VALUE);
        if (level == 1) {
            budget.addCompressed(inner.compressedBytes());
        }
        budget.checkTotalRatio();
    }

    private void inspectCompoundFile(Location at, InputStream whole) throws IOException {
        CompoundFileScanner.Result result = CompoundFileScanner.scan(whole);
        if (result.vbaProject() && !findings.has(at, FindingReason.MACRO)) {
            report(at, FindingReason.MACRO, "VBA project in an OLE2 document");
        }
        if (result.encryptedPackage()) {
            report(at, FindingReason.ENCRYPTED, "password-protected Office document");
        }
        if (result.malformed() != null) {
            report(at, FindingReason.UNINSPECTABLE, result.malformed());
        }
    }

    private void inspectEmbeddedFiles(Location at, InputStream whole) throws IOException {
        for (EmbeddedFileScanner.EmbeddedFile file : EmbeddedFileScanner.scan(whole)) {
            Location embedded = at.child(file.name());
            checkNames(embedded, List.of(file.name()));
            ContentKind kind = ContentSniffer.sniff(file.head(), file.head().length);
            if (kind.isExecutable() && settings.blockedContentKinds().contains(kind)) {
                report(embedded, FindingReason.BLOCKED_CONTENT, kind.description() + " (uuencoded in the text)");
            }
        }
    }

    /** Macros show in zip-based documents as entry names: OOXML, Excel 4 macro sheets, OpenDocument Basic. */
    private void checkMacroEntryName(Location entry, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("vbaproject.bin")) {
            report(entry, FindingReason.MACRO, "VBA project in an Office Open XML document");
        } else if (lower.contains("macrosheets/")) {
            report(entry, FindingReason.MACRO, "Excel 4.0 macro sheet");
        } else if ((lower.startsWith("basic/") && lower.endsWith(".xml") && !lower.endsWith("script-lc.xml")
                && !lower.endsWith("script-lb.xml")) || lower.startsWith("scripts/")) {
            report(entry, FindingReason.MACRO, "OpenDocument macro");
        }
    }

    /**
     * One buffer per archive level, since a level's head is still being replayed while its entries are read; most
     * content is recognised from the first {@link ContentSniffer#INITIAL_BYTES}, so buffers only grow (keeping
     * what they hold) when needed.
     */
    private byte[] sniffBuffer(int level, int size) {
        if (level >= sniffBuffers.length) {
            sniffBuffers = Arrays.copyOf(sniffBuffers, level + 1);
        }
        byte[] buffer = sniffBuffers[level];
        if (buffer == null || buffer.length < size) {
            byte[] grown = new byte[size];
            if (buffer != null) {
                System.arraycopy(buffer, 0, grown, 0, buffer.length);
            }
            sniffBuffers[level] = grown;
            buffer = grown;
        }
        return buffer;
    }

    private static String innerGzipName(String outer) {
        String lower = outer.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tgz")) {
            return outer.substring(0, outer.length() - 4) + ".tar";
        }
        if (lower.endsWith(".gz")) {
            return outer.substring(0, outer.length() - 3);
        }
        return outer.isEmpty() ? "(gzip content)" : outer + " (content)";
    }

    private static boolean isSpecificType(String declaredType) {
        return declaredType != null && !declaredType.startsWith("text/") && !declaredType.startsWith("multipart/")
                && !declaredType.startsWith("message/");
    }

    private static int readUpTo(InputStream in, byte[] buffer, int offset, int limit) throws IOException {
        int total = offset;
        while (total < limit) {
            int n = in.read(buffer, total, limit - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof MalformedContainerException) {
            return message;
        }
        return "could not be read to the end: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
