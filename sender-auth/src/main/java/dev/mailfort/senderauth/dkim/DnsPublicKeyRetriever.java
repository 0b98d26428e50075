/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;

/**
 * Fetches DKIM keys ({@code <selector>._domainkey.<domain>} TXT, RFC 6376 §3.6.2) through our {@link DnsResolver}
 * for jDKIM. Remembers the answers, so that the separate key check and verification steps of one message ask the
 * DNS once per key: one instance serves one message, on one thread.
 */
final class DnsPublicKeyRetriever implements PublicKeyRecordRetriever {
    private final DnsResolver dns;
    private final Map<String, DnsAnswer> answers = new HashMap<>();

    DnsPublicKeyRetriever(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(CharSequence methodAndOption, CharSequence selector, CharSequence token)
            throws TempFailException, PermFailException {
        if (!"dns/txt".equalsIgnoreCase(methodAndOption.toString())) {
            throw new PermFailException("unsupported key query method " + methodAndOption);
        }
        String name = (selector + "._domainkey." + token).toLowerCase(Locale.ROOT);
        DnsAnswer answer = answers.computeIfAbsent(name, dns::txt);
        if (answer.isTemporaryFailure()) {
            throw new TempFailException("DNS TXT " + name + ": " + answer.detail());
        }
        // An empty list makes jDKIM fail the signature with "no key for signature".
        return answer.records();
    }
}
