/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;
import dev.mailfort.senderauth.dns.RecordType;

/**
 * An in-memory DNS for the hook tests: unknown names answer NXDOMAIN, names with other types no-data, and names
 * made to fail answer a temporary failure (like a SERVFAIL or a timeout).
 */
final class ZoneDns implements DnsResolver {
    private final Map<String, Map<RecordType, List<String>>> zone = new HashMap<>();
    private final Set<String> failing = new HashSet<>();

    ZoneDns txt(String name, String text) {
        return add(name, RecordType.TXT, text);
    }

    ZoneDns a(String name, String address) {
        return add(name, RecordType.A, address);
    }

    ZoneDns failing(String name) {
        failing.add(normalize(name));
        return this;
    }

    private ZoneDns add(String name, RecordType type, String data) {
        zone.computeIfAbsent(normalize(name), any -> new HashMap<>())
            .computeIfAbsent(type, any -> new ArrayList<>())
            .add(data);
        return this;
    }

    @Override
    public synchronized DnsAnswer lookup(String name, RecordType type) {
        String key = normalize(name);
        if (failing.contains(key)) {
            return DnsAnswer.temporaryFailure("SERVFAIL (test)");
        }
        Map<RecordType, List<String>> records = zone.get(key);
        if (records == null) {
            return DnsAnswer.nxdomain();
        }
        List<String> data = records.get(type);
        return data == null ? DnsAnswer.noData() : DnsAnswer.found(data);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
