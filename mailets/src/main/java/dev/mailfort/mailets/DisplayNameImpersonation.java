/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether the display name of an external sender poses as one of us: the trick of
 * {@code "Alice Martin" <alice.martin.ceo@freemail.example>}, which most mail clients show as just "Alice Martin".
 *
 * <p>Names are compared on letters and digits only, in lower case, in their compatibility form (Unicode NFKD) with
 * accents dropped, so that {@code "alice.martin"}, {@code "Alice Martin"} and {@code "ALICE_MARTIN"} are one name.
 * A local part is only compared as a whole name and only from {@value #MINIMUM_LOCAL_PART_LETTERS} letters on:
 * "it" or "hr" inside a longer display name is no impersonation.
 */
final class DisplayNameImpersonation {
    static final int MINIMUM_LOCAL_PART_LETTERS = 3;
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile("[^\\s<>\"'(),;:\\[\\]@]+@([A-Za-z0-9.-]+)");

    private final List<String> protectedNames;
    private final boolean matchLocalParts;
    private final Predicate<String> isLocalDomain;
    private final Supplier<Collection<String>> localUsers;

    /**
     * @param protectedNames names that must never appear in an external display name ("CEO Name", "Payroll")
     * @param isLocalDomain  whether a (lower case) domain is one of ours
     * @param localUsers     our users' addresses (or bare local parts, without virtual hosting)
     */
    DisplayNameImpersonation(List<String> protectedNames, boolean matchLocalParts, Predicate<String> isLocalDomain,
                             Supplier<Collection<String>> localUsers) {
        this.protectedNames = protectedNames.stream().filter(name -> !normalize(name).isEmpty()).toList();
        this.matchLocalParts = matchLocalParts;
        this.isLocalDomain = isLocalDomain;
        this.localUsers = localUsers;
    }

    /** @return why the display name impersonates us, or nothing when it does not, or the address is our own */
    Optional<String> judge(String displayName, String address) {
        if (displayName == null || displayName.isBlank() || isLocal(address)) {
            return Optional.empty();
        }
        Matcher addressInName = ADDRESS_IN_TEXT.matcher(displayName);
        while (addressInName.find()) {
            if (isLocalDomain.test(cleanDomain(addressInName.group(1)))) {
                return Optional.of("display name contains our address " + addressInName.group().toLowerCase(Locale.ROOT));
            }
        }
        String name = normalize(displayName);
        for (String protectedName : protectedNames) {
            if (name.contains(normalize(protectedName))) {
                return Optional.of("display name contains the protected name \"" + protectedName.strip() + "\"");
            }
        }
        if (matchLocalParts) {
            for (String user : localUsers.get()) {
                int at = user.indexOf('@');
                String localPart = normalize(at < 0 ? user : user.substring(0, at));
                if (localPart.length() >= MINIMUM_LOCAL_PART_LETTERS && name.equals(localPart)) {
                    return Optional.of("display name names our user " + user.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    private boolean isLocal(String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return at >= 0 && isLocalDomain.test(cleanDomain(address.substring(at + 1)));
    }

    private static String cleanDomain(String domain) {
        String lower = domain.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(folded.length());
        folded.codePoints()
            .filter(Character::isLetterOrDigit)
            .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
