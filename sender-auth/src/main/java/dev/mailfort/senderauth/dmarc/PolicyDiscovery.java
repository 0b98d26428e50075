/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.Objects;

/**
 * The outcome of DMARC policy discovery (RFC 7489 §6.6.3).
 *
 * @param status          what was found
 * @param record          the policy, when {@code status} is FOUND
 * @param policyDomain    where it was found (the From domain or its organizational domain)
 * @param reason          for logs and the header comment
 */
public record PolicyDiscovery(Status status, DmarcRecord record, String policyDomain, String reason) {

    public enum Status {
        FOUND,
        /** No DMARC record at the From domain nor at its organizational domain. */
        NO_POLICY,
        /** More than one DMARC record at one name: the RFC then applies no DMARC (§6.6.3 step 4). */
        SEVERAL_RECORDS,
        TEMPORARY_FAILURE,
        /** A single record that cannot be used. */
        INVALID_RECORD
    }

    public PolicyDiscovery {
        Objects.requireNonNull(status, "status");
        if ((status == Status.FOUND) != (record != null)) {
            throw new IllegalArgumentException("a record goes with FOUND and only with it");
        }
        policyDomain = policyDomain == null ? "" : policyDomain;
        reason = reason == null ? "" : reason;
    }

    static PolicyDiscovery found(DmarcRecord record, String policyDomain) {
        return new PolicyDiscovery(Status.FOUND, record, policyDomain, "policy of " + policyDomain);
    }

    static PolicyDiscovery of(Status status, String policyDomain, String reason) {
        return new PolicyDiscovery(status, null, policyDomain, reason);
    }
}
