/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.ByteArrayInputStream;
import java.util.List;

/** Shorthands the policy tests share. */
final class Inspect {

    static final AttachmentPolicy DEFAULT_POLICY = new AttachmentPolicy(AttachmentPolicySettings.DEFAULTS);

    private Inspect() {
    }

    static AttachmentVerdict withDefaults(byte[] message) {
        return DEFAULT_POLICY.inspect(new ByteArrayInputStream(message));
    }

    static AttachmentVerdict with(AttachmentPolicySettings settings, byte[] message) {
        return new AttachmentPolicy(settings).inspect(new ByteArrayInputStream(message));
    }

    static AttachmentVerdict attachment(String fileName, String contentType, byte[] content) {
        return withDefaults(RawMail.message().text("See attached.").attachment(fileName, contentType, content).bytes());
    }

    static List<FindingReason> reasons(AttachmentVerdict verdict) {
        return verdict.findings().stream().map(AttachmentFinding::reason).toList();
    }

    static List<FindingReason> blockingReasons(AttachmentVerdict verdict) {
        return verdict.blockingFindings().stream().map(AttachmentFinding::reason).toList();
    }
}
