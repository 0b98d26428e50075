/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

/** The mechanisms of RFC 7208 §5. */
public enum SpfMechanism {
    ALL(false),
    INCLUDE(true),
    A(true),
    MX(true),
    PTR(true),
    IP4(false),
    IP6(false),
    EXISTS(true);

    private final boolean countsAsDnsLookup;

    SpfMechanism(boolean countsAsDnsLookup) {
        this.countsAsDnsLookup = countsAsDnsLookup;
    }

    /** Whether the term counts toward the limit of 10 DNS-querying terms (RFC 7208 §4.6.4). */
    public boolean countsAsDnsLookup() {
        return countsAsDnsLookup;
    }
}
