/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.header;

import java.util.Objects;

/**
 * The header From of a message as DMARC needs it (RFC 7489 §6.6.1): exactly one field with exactly one address.
 *
 * @param address the address when usable, else empty
 * @param domain  its domain in lower case (A-labels for internationalized names) when usable, else empty
 */
public record HeaderFrom(Status status, String address, String domain, String reason) {

    public enum Status {
        USABLE,
        MISSING,
        /** More than one From field. */
        SEVERAL_FIELDS,
        /** One field naming several addresses (or a group). */
        SEVERAL_ADDRESSES,
        /** No address with a domain could be read. */
        UNREADABLE
    }

    public HeaderFrom {
        Objects.requireNonNull(status, "status");
        address = address == null ? "" : address;
        domain = domain == null ? "" : domain;
        reason = reason == null ? "" : reason;
    }

    /** Whether DMARC can be evaluated; otherwise the caller may reject the message (5.7.1 or 5.6.0). */
    public boolean isUsable() {
        return status == Status.USABLE;
    }
}
