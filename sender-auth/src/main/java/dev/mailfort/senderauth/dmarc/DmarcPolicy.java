/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.Locale;

/** A DMARC policy (p= and sp=, RFC 7489 §6.3), also used as the disposition to apply to a message. */
public enum DmarcPolicy {
    NONE,
    QUARANTINE,
    REJECT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The next policy down, used for the messages that pct= leaves out (RFC 7489 §6.6.4). */
    DmarcPolicy oneStepDown() {
        return switch (this) {
            case REJECT -> QUARANTINE;
            case QUARANTINE, NONE -> NONE;
        };
    }
}
