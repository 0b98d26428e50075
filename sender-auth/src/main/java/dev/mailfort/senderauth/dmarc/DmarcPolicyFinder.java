/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;

/**
 * Finds the DMARC policy for a header From domain (RFC 7489 §6.6.3): {@code _dmarc.<domain>} first, then
 * {@code _dmarc.<organizational domain>} if the first has no DMARC record. Thread-safe.
 */
public final class DmarcPolicyFinder {
    private final DnsResolver dns;
    private final DmarcRecordParser parser = new DmarcRecordParser();

    public DmarcPolicyFinder(DnsResolver dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    public PolicyDiscovery find(String fromDomain) {
        String domain = fromDomain.toLowerCase(Locale.ROOT);
        PolicyDiscovery atDomain = lookAt(domain);
        if (atDomain.status() != PolicyDiscovery.Status.NO_POLICY) {
            return atDomain;
        }
        String organizational = OrganizationalDomain.of(domain);
        if (organizational.equals(domain)) {
            return atDomain;
        }
        return lookAt(organizational);
    }

    private PolicyDiscovery lookAt(String domain) {
        String name = "_dmarc." + domain;
        DnsAnswer answer = dns.txt(name);
        if (answer.isTemporaryFailure()) {
            return PolicyDiscovery.of(PolicyDiscovery.Status.TEMPORARY_FAILURE, domain,
                "DNS TXT " + name + ": " + answer.detail());
        }
        List<String> records = new ArrayList<>();
        for (String txt : answer.records()) {
            if (DmarcRecordParser.isDmarcRecord(txt)) {
                records.add(txt);
            }
        }
        if (records.isEmpty()) {
            return PolicyDiscovery.of(PolicyDiscovery.Status.NO_POLICY, domain, "no DMARC record at " + name);
        }
        if (records.size() > 1) {
            return PolicyDiscovery.of(PolicyDiscovery.Status.SEVERAL_RECORDS, domain,
                "several DMARC records at " + name);
        }
        try {
            return PolicyDiscovery.found(parser.parse(records.get(0)), domain);
        } catch (DmarcSyntaxException e) {
            return PolicyDiscovery.of(PolicyDiscovery.Status.INVALID_RECORD, domain,
                "unusable DMARC record at " + name + ": " + e.getMessage());
        }
    }
}
