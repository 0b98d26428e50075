/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses DMARC records (RFC 7489 §6.3, §6.4). Follows the RFC's leniency: unknown tags are ignored, invalid
 * optional values fall back to their defaults, and a record without a valid p= (or with an invalid sp=) counts as
 * p=none if it has a rua= tag (§6.6.3 step 6), else it is unusable. Stateless and thread-safe.
 */
public final class DmarcRecordParser {
    private static final Pattern VERSION = Pattern.compile("^v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?$", Pattern.DOTALL);
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}");

    /** Whether a TXT record is a DMARC record at all (§6.6.3 step 3): it starts with v=DMARC1. */
    public static boolean isDmarcRecord(String txt) {
        return VERSION.matcher(txt).matches();
    }

    public DmarcRecord parse(String txt) throws DmarcSyntaxException {
        if (!isDmarcRecord(txt)) {
            throw new DmarcSyntaxException("not a DMARC record: " + txt);
        }
        Map<String, String> tags = new HashMap<>();
        for (String part : txt.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            tags.putIfAbsent(name, part.substring(eq + 1).trim());
        }
        boolean hasReportAddress = tags.getOrDefault("rua", "").contains(":");
        Optional<DmarcPolicy> policy = policy(tags.get("p"));
        Optional<DmarcPolicy> subdomainPolicy = policy(tags.get("sp"));
        boolean spInvalid = tags.containsKey("sp") && subdomainPolicy.isEmpty();
        if (policy.isEmpty() || spInvalid) {
            if (!hasReportAddress) {
                throw new DmarcSyntaxException(policy.isEmpty()
                    ? "missing or invalid p= tag: " + tags.get("p")
                    : "invalid sp= tag: " + tags.get("sp"));
            }
            return new DmarcRecord(DmarcPolicy.NONE, Optional.empty(), 100, AlignmentMode.RELAXED,
                AlignmentMode.RELAXED);
        }
        return new DmarcRecord(policy.get(), subdomainPolicy, percent(tags.get("pct")),
            alignment(tags.get("adkim")), alignment(tags.get("aspf")));
    }

    private static Optional<DmarcPolicy> policy(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(DmarcPolicy.NONE);
            case "quarantine" -> Optional.of(DmarcPolicy.QUARANTINE);
            case "reject" -> Optional.of(DmarcPolicy.REJECT);
            default -> Optional.empty();
        };
    }

    private static int percent(String value) {
        if (value == null || !PERCENT.matcher(value).matches()) {
            return 100;
        }
        int pct = Integer.parseInt(value);
        return pct > 100 ? 100 : pct;
    }

    private static AlignmentMode alignment(String value) {
        return "s".equalsIgnoreCase(value) ? AlignmentMode.STRICT : AlignmentMode.RELAXED;
    }
}
