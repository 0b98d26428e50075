/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the findings of one inspection: decides for each whether it blocks, drops exact repeats, and keeps at
 * most the configured number so that a zip of ten thousand executables cannot make the verdict huge. Dropped
 * findings still count towards the outcome.
 */
final class Findings {

    private static final int MAX_TEXT = 200;

    private final AttachmentPolicySettings settings;
    private final List<AttachmentFinding> kept = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int omitted;
    private boolean blocked;

    Findings(AttachmentPolicySettings settings) {
        this.settings = settings;
    }

    void add(String partPath, String fileName, String entryPath, FindingReason reason, String detail) {
        String key = partPath + '\u0000' + entryPath + '\u0000' + reason + '\u0000' + detail;
        if (seen.size() < settings.maxFindings() * 4 && !seen.add(key)) {
            return;
        }
        boolean blocking = settings.blocks(reason);
        blocked |= blocking;
        if (kept.size() >= settings.maxFindings()) {
            omitted++;
            return;
        }
        kept.add(new AttachmentFinding(partPath, shorten(fileName), shorten(entryPath), reason, shorten(detail),
                blocking));
    }

    boolean has(Location at, FindingReason reason) {
        for (AttachmentFinding finding : kept) {
            if (finding.partPath().equals(at.partPath()) && finding.entryPath().equals(at.entryPath())
                    && finding.reason() == reason) {
                return true;
            }
        }
        return false;
    }

    AttachmentVerdict verdict(int partsInspected) {
        return new AttachmentVerdict(blocked ? AttachmentVerdict.Outcome.BLOCKED : AttachmentVerdict.Outcome.CLEAN,
                kept, omitted, partsInspected);
    }

    /** Bounded, and without control characters: names from hostile archives end up in logs and headers. */
    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String bounded = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
        StringBuilder clean = null;
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (clean == null) {
                    clean = new StringBuilder(bounded.substring(0, i));
                }
                clean.append('\uFFFD');
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? bounded : clean.toString();
    }
}
