/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

/**
 * How a DNS query ended. The three "no records" outcomes are kept apart because the protocols treat them
 * differently: SPF counts NXDOMAIN and no-data as void lookups, and a temporary failure must never be read as
 * "no policy" (that would turn a DNS outage into a pass).
 */
public enum DnsStatus {
    /** The name exists and has at least one record of the type asked for. */
    FOUND,
    /** The name does not exist (RCODE 3). */
    NXDOMAIN,
    /** The name exists but has no record of that type. */
    NO_DATA,
    /** Timeout, SERVFAIL, REFUSED, network error: asking again later may give an answer. */
    TEMPORARY_FAILURE;

    public boolean isEmpty() {
        return this == NXDOMAIN || this == NO_DATA;
    }
}
