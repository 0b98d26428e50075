/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.Locale;

/** DMARC results as registered for Authentication-Results (RFC 7489 §11.2). */
public enum DmarcResult {
    /** No policy published (or none that can be used, e.g. several records). */
    NONE,
    PASS,
    FAIL,
    /** A DNS failure kept the answer from being known; ask the sender to retry (4xx). */
    TEMPERROR,
    /** The policy record or the header From is unusable. */
    PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
