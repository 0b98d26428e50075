/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.util.Objects;

/**
 * The outcome of one SPF check.
 *
 * @param identity the checked identity as used in Authentication-Results: the MAIL FROM address (or
 *                 {@code postmaster@<helo>} for the null sender) or the HELO name
 * @param domain   the domain whose policy was evaluated; DMARC aligns this one
 * @param reason   why, for logs and the header comment; never empty
 */
public record SpfVerdict(SpfResult result, SpfScope scope, String identity, String domain, String reason) {

    public SpfVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(scope, "scope");
        identity = identity == null ? "" : identity;
        domain = domain == null ? "" : domain;
        reason = reason == null || reason.isBlank() ? result.keyword() : reason;
    }

    public boolean passed() {
        return result == SpfResult.PASS;
    }
}
