/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS query. {@code records} holds the record data as text: a TXT record's character-strings
 * joined without separator (RFC 7208 §3.3, RFC 6376 §3.6.2.2), an address for A/AAAA, and a host name without the
 * trailing dot for MX/PTR. It is empty unless the status is {@link DnsStatus#FOUND}.
 */
public record DnsAnswer(DnsStatus status, List<String> records, String detail) {

    public DnsAnswer {
        Objects.requireNonNull(status, "status");
        records = List.copyOf(records);
        detail = detail == null ? "" : detail;
        if (status == DnsStatus.FOUND && records.isEmpty()) {
            throw new IllegalArgumentException("a FOUND answer needs records");
        }
        if (status != DnsStatus.FOUND && !records.isEmpty()) {
            throw new IllegalArgumentException(status + " answer cannot carry records");
        }
    }

    public static DnsAnswer found(List<String> records) {
        return new DnsAnswer(DnsStatus.FOUND, records, "");
    }

    public static DnsAnswer nxdomain() {
        return new DnsAnswer(DnsStatus.NXDOMAIN, List.of(), "");
    }

    public static DnsAnswer noData() {
        return new DnsAnswer(DnsStatus.NO_DATA, List.of(), "");
    }

    public static DnsAnswer temporaryFailure(String detail) {
        return new DnsAnswer(DnsStatus.TEMPORARY_FAILURE, List.of(), detail);
    }

    public boolean isTemporaryFailure() {
        return status == DnsStatus.TEMPORARY_FAILURE;
    }
}
