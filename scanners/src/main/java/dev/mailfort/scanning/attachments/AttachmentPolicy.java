/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.InputStream;
import java.util.Objects;

import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Mailfort's attachment policy: reads a raw RFC 5322 message once, as a stream, and says whether any part (or
 * anything inside a part's archives) is dangerous.
 *
 * <p>Checked for each part and each archive entry: the file name (blocked extension, decoy double extension,
 * bidi-control tricks; every spelling of the name the headers carry), the real content from its magic bytes
 * (executables, scripts, shortcuts, disk images, archives we cannot open), the promise of the name or declared type
 * against the real content, zip, tar and gzip archives and TNEF ({@code winmail.dat}) containers recursively to a
 * depth limit under zip-bomb guards, encrypted entries, and Office macros (OOXML {@code vbaProject.bin}, OLE2 VBA
 * storages). Plain-text bodies are searched for uuencoded and yEnc files too.
 *
 * <p>Malformed input never makes it throw: what cannot be read is reported as
 * {@link FindingReason#UNINSPECTABLE}, which blocks by default. Thread-safe and stateless between calls; the
 * parsing and the memory it uses (a few tens of KiB plus 64 KiB per open archive level) belong to one call.
 */
public final class AttachmentPolicy {

    private final AttachmentPolicySettings settings;
    private final MimeConfig mimeConfig;

    public AttachmentPolicy(AttachmentPolicySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mimeConfig = MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(settings.maxHeaderBytes())
                .setMaxHeaderLen(settings.maxHeaderBytes())
                .setMaxHeaderCount(settings.maxHeaderCount())
                .setMaxContentLen(-1)
                .build();
    }

    public AttachmentPolicySettings settings() {
        return settings;
    }

    /** Inspects one raw message. The stream is read (not necessarily to its end) and not closed. */
    public AttachmentVerdict inspect(InputStream rawMessage) {
        Objects.requireNonNull(rawMessage, "rawMessage");
        Findings findings = new Findings(settings);
        MessageWalker walker = new MessageWalker(settings, mimeConfig, findings);
        walker.walk(rawMessage);
        return findings.verdict(walker.partsInspected());
    }
}
