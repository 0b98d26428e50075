/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

/**
 * Names shared by the mailet that records the attachment policy's verdict and the matchers that read it, so that
 * the two cannot drift apart.
 */
public final class AttachmentAttributes {

    /** String attribute: {@value #STATUS_CLEAN}, {@value #STATUS_BLOCKED} or {@value #STATUS_STRIPPED}. */
    public static final String STATUS = "mailfort.attachments.status";
    /** Collection of strings, one {@link AttachmentFinding#describe()} line per finding. */
    public static final String FINDINGS = "mailfort.attachments.findings";

    public static final String STATUS_CLEAN = "clean";
    public static final String STATUS_BLOCKED = "blocked";
    /** The blocked parts were replaced by a notice and the rewritten message passed the policy. */
    public static final String STATUS_STRIPPED = "stripped";

    /** Header written on tagged or stripped mail; any copy arriving from outside is removed first. */
    public static final String HEADER = "X-Mailfort-Attachment-Policy";

    private AttachmentAttributes() {
    }
}
