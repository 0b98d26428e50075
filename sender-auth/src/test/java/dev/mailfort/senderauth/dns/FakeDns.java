/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory DNS zone for tests. A name with no record of any type answers NXDOMAIN; a name with records of
 * other types answers no-data. Names can be made to fail temporarily. Records every query it gets.
 */
public final class FakeDns implements DnsResolver {
    private final Map<String, Map<RecordType, List<String>>> zone = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final List<String> queries = new ArrayList<>();

    public FakeDns add(String name, RecordType type, String... records) {
        Map<RecordType, List<String>> byType = zone.computeIfAbsent(normalize(name), n -> new HashMap<>());
        byType.computeIfAbsent(type, t -> new ArrayList<>()).addAll(List.of(records));
        return this;
    }

    /** Replaces the records of that name and type. */
    public FakeDns set(String name, RecordType type, String... records) {
        Map<RecordType, List<String>> byType = zone.computeIfAbsent(normalize(name), n -> new HashMap<>());
        byType.put(type, new ArrayList<>(List.of(records)));
        return this;
    }

    public FakeDns txt(String name, String... records) {
        return add(name, RecordType.TXT, records);
    }

    public FakeDns a(String name, String... addresses) {
        return add(name, RecordType.A, addresses);
    }

    public FakeDns failTemporarily(String name) {
        failing.add(normalize(name));
        return this;
    }

    public synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public synchronized DnsAnswer lookup(String name, RecordType type) {
        String key = normalize(name);
        queries.add(type + " " + key);
        if (failing.contains(key)) {
            return DnsAnswer.temporaryFailure("SERVFAIL (fake)");
        }
        Map<RecordType, List<String>> byType = zone.get(key);
        if (byType == null) {
            return DnsAnswer.nxdomain();
        }
        List<String> records = byType.get(type);
        return records == null || records.isEmpty() ? DnsAnswer.noData() : DnsAnswer.found(records);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
