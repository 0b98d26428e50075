/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.util.Locale;

/** DKIM results as RFC 8601 §2.7.1 defines them for Authentication-Results. */
public enum DkimResult {
    /** The message carries no DKIM-Signature at all. */
    NONE,
    PASS,
    /** The signature was acceptable but did not verify: body or signed header fields changed, or forged. */
    FAIL,
    /** The signature could not be processed: syntax error, unsupported algorithm or canonicalization. */
    NEUTRAL,
    /** The key could not be fetched for now (DNS timeout or server failure). */
    TEMPERROR,
    /** The key is missing, revoked, unusable or too weak, or the algorithm is one we refuse (rsa-sha1). */
    PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
