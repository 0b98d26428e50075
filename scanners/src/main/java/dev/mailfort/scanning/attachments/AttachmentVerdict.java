/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of inspecting one message: every finding, in the order met, and what to do with the message.
 *
 * @param outcome          {@link Outcome#BLOCKED} as soon as one finding is blocking
 * @param findings         every finding, blocking or not, capped at the configured maximum
 * @param omittedFindings  how many findings were dropped by that cap (they are counted, and they still block)
 * @param partsInspected   number of leaf MIME parts whose content was looked at
 */
public record AttachmentVerdict(Outcome outcome, List<AttachmentFinding> findings, int omittedFindings,
                                int partsInspected) {

    /** What the message deserves as a whole. */
    public enum Outcome {
        CLEAN, BLOCKED;

        /** The value stored in {@link AttachmentAttributes#STATUS}. */
        public String label() {
            return this == CLEAN ? AttachmentAttributes.STATUS_CLEAN : AttachmentAttributes.STATUS_BLOCKED;
        }
    }

    public AttachmentVerdict {
        Objects.requireNonNull(outcome, "outcome");
        findings = List.copyOf(findings);
    }

    public boolean isBlocked() {
        return outcome == Outcome.BLOCKED;
    }

    public List<AttachmentFinding> blockingFindings() {
        return findings.stream().filter(AttachmentFinding::blocking).toList();
    }

    /** True when every blocking finding names a part, so that removing those parts would clean the message. */
    public boolean isStrippable() {
        return omittedFindings == 0 && blockingFindings().stream().noneMatch(AttachmentFinding::isMessageLevel);
    }
}
