/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.util.Objects;

/**
 * The outcome for one DKIM-Signature header field.
 *
 * @param domain    the d= tag (the signing domain DMARC aligns), lower case; empty if unreadable
 * @param selector  the s= tag; empty if unreadable
 * @param algorithm the a= tag; empty if unreadable
 * @param reason    why, for logs and the header comment; never empty
 */
public record DkimSignatureVerdict(DkimResult result, String domain, String selector, String algorithm,
                                   String reason) {

    public DkimSignatureVerdict {
        Objects.requireNonNull(result, "result");
        domain = domain == null ? "" : domain;
        selector = selector == null ? "" : selector;
        algorithm = algorithm == null ? "" : algorithm;
        reason = reason == null || reason.isBlank() ? result.keyword() : reason;
    }

    public boolean passed() {
        return result == DkimResult.PASS;
    }
}
