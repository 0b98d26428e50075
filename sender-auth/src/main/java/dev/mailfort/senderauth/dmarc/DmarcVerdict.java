/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.Objects;

/**
 * The DMARC outcome for a message and what to do with it.
 *
 * @param headerFrom      the From domain evaluated (empty if the header From was unusable)
 * @param policyDomain    where the policy was found, empty if none
 * @param requestedPolicy the policy the domain asks for (p= or sp=); NONE without a policy
 * @param disposition     what to apply: equal to {@code requestedPolicy} on failure unless pct= left the message
 *                        out (then one step lower); NONE unless the result is FAIL
 * @param sampledOut      whether pct= lowered the disposition
 * @param reason          for logs and the header comment
 */
public record DmarcVerdict(DmarcResult result, String headerFrom, String policyDomain, DmarcPolicy requestedPolicy,
                           DmarcPolicy disposition, boolean sampledOut, String reason) {

    public DmarcVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(requestedPolicy, "requestedPolicy");
        Objects.requireNonNull(disposition, "disposition");
        headerFrom = headerFrom == null ? "" : headerFrom;
        policyDomain = policyDomain == null ? "" : policyDomain;
        reason = reason == null || reason.isBlank() ? result.keyword() : reason;
    }

    static DmarcVerdict without(DmarcResult result, String headerFrom, String policyDomain, String reason) {
        return new DmarcVerdict(result, headerFrom, policyDomain, DmarcPolicy.NONE, DmarcPolicy.NONE, false, reason);
    }
}
