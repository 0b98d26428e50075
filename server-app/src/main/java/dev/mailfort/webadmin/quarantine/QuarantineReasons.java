/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.mailrepository.api.MailRepositoryUrl;

/**
 * The quarantines an admin can review, in display order, as read from {@code conf/quarantine.properties}:
 *
 * <pre>
 * reasons=virus, attachment, spam
 * reason.virus.repository=cassandra://var/mail/quarantine/virus/
 * reason.virus.releaseProcessor=attachment-scan
 * </pre>
 *
 * Without the file, {@link #defaults()}: the three quarantines of the production pipeline.
 */
public final class QuarantineReasons {
    static final String REASONS = "reasons";

    private final Map<String, QuarantineReason> byName;

    private QuarantineReasons(List<QuarantineReason> reasons) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("At least one quarantine reason is needed");
        }
        Map<String, QuarantineReason> ordered = new LinkedHashMap<>();
        Set<MailRepositoryUrl> repositories = new HashSet<>();
        for (QuarantineReason reason : reasons) {
            if (ordered.putIfAbsent(reason.name(), reason) != null) {
                throw new IllegalArgumentException("Quarantine reason '" + reason.name() + "' is listed twice");
            }
            // Two reasons sharing a repository would list each mail twice and release it with the wrong processor.
            if (!repositories.add(reason.repository())) {
                throw new IllegalArgumentException("Quarantine reason '" + reason.name() + "' uses the repository "
                    + reason.repository().asString() + " of another reason");
            }
        }
        this.byName = ordered;
    }

    public static QuarantineReasons of(List<QuarantineReason> reasons) {
        return new QuarantineReasons(List.copyOf(reasons));
    }

    public static QuarantineReasons defaults() {
        return of(List.of(
            QuarantineReason.of("virus", "cassandra://var/mail/quarantine/virus/", "attachment-scan"),
            QuarantineReason.of("attachment", "cassandra://var/mail/quarantine/attachment/", "spam-scan"),
            QuarantineReason.of("spam", "cassandra://var/mail/quarantine/spam/", "transport")));
    }

    public static QuarantineReasons from(Configuration configuration) throws ConfigurationException {
        String[] names = configuration.getStringArray(REASONS);
        if (names.length == 0) {
            throw new ConfigurationException("quarantine.properties: '" + REASONS + "' lists no reason");
        }
        try {
            List<QuarantineReason> reasons = new ArrayList<>();
            for (String rawName : names) {
                String name = rawName.trim();
                reasons.add(QuarantineReason.of(name,
                    required(configuration, "reason." + name + ".repository"),
                    required(configuration, "reason." + name + ".releaseProcessor")));
            }
            return of(reasons);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("quarantine.properties: " + e.getMessage(), e);
        }
    }

    private static String required(Configuration configuration, String key) {
        String value = configuration.getString(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value;
    }

    public List<QuarantineReason> all() {
        return List.copyOf(byName.values());
    }

    public Optional<QuarantineReason> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
