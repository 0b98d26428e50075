/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.List;
import java.util.Locale;

import com.google.common.net.InternetDomainName;

/**
 * The organizational domain of RFC 7489 §3.2: the public suffix plus one label, computed with Guava's copy of the
 * Public Suffix List (ICANN and private sections: "user.github.io" is its own organization). Guava must be kept
 * current for the list to be.
 */
public final class OrganizationalDomain {

    private OrganizationalDomain() {
    }

    /** The organizational domain of {@code domain}; the domain itself if it is a public suffix or a single label. */
    public static String of(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (!InternetDomainName.isValid(lower)) {
            return lower;
        }
        InternetDomainName name = InternetDomainName.from(lower);
        if (name.isUnderPublicSuffix()) {
            return name.topPrivateDomain().toString();
        }
        if (name.isPublicSuffix() || !name.hasParent()) {
            return lower;
        }
        // A TLD the list does not know (.test, an internal TLD): the list's implicit "*" rule makes the TLD the
        // public suffix, which Guava does not apply.
        List<String> labels = name.parts();
        return labels.get(labels.size() - 2) + "." + labels.get(labels.size() - 1);
    }

    /** Whether two domains are aligned under the given mode (RFC 7489 §3.1.1, §3.1.2). */
    public static boolean aligned(String authenticated, String headerFrom, AlignmentMode mode) {
        if (authenticated == null || authenticated.isEmpty()) {
            return false;
        }
        if (mode == AlignmentMode.STRICT) {
            return normalize(authenticated).equals(normalize(headerFrom));
        }
        return of(authenticated).equals(of(headerFrom));
    }

    private static String normalize(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
