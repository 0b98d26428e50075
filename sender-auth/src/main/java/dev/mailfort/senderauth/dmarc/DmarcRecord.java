/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.Objects;
import java.util.Optional;

/**
 * The tags of a DMARC record that decide the outcome (RFC 7489 §6.3). Reporting tags (rua, ruf, fo, rf, ri) are
 * not kept: we send no reports.
 *
 * @param subdomainPolicy the sp= tag, if present; when absent, subdomains get {@code policy}
 * @param percent         the pct= tag, 0 to 100
 */
public record DmarcRecord(DmarcPolicy policy, Optional<DmarcPolicy> subdomainPolicy, int percent,
                          AlignmentMode dkimAlignment, AlignmentMode spfAlignment) {

    public DmarcRecord {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(subdomainPolicy, "subdomainPolicy");
        Objects.requireNonNull(dkimAlignment, "dkimAlignment");
        Objects.requireNonNull(spfAlignment, "spfAlignment");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("pct must be within 0..100: " + percent);
        }
    }

    /** The policy for mail whose From domain is a subdomain of the domain that published this record. */
    public DmarcPolicy policyForSubdomains() {
        return subdomainPolicy.orElse(policy);
    }
}
