/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.util.Locale;

/** The results of an SPF check (RFC 7208 §2.6), spelled as in Authentication-Results and Received-SPF. */
public enum SpfResult {
    PASS,
    FAIL,
    SOFTFAIL,
    NEUTRAL,
    NONE,
    TEMPERROR,
    PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
