/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.Locale;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

/** Tells whether a domain is ours: one of James's local domains or a subdomain of one. */
@FunctionalInterface
interface LocalDomains {

    /**
     * @param domain a domain in lower case, without the trailing dot
     * @throws IllegalStateException when the domain list cannot be read just now
     */
    boolean isOurs(String domain);

    /**
     * Subdomains count as ours: mail "from" sales.example.com impersonates example.com's owner just as well, and
     * nobody outside may use them.
     */
    static LocalDomains of(DomainList domainList) {
        return domain -> {
            String candidate = domain.toLowerCase(Locale.ROOT);
            try {
                while (candidate.contains(".")) {
                    if (domainList.containsDomain(Domain.of(candidate))) {
                        return true;
                    }
                    candidate = candidate.substring(candidate.indexOf('.') + 1);
                }
                return false;
            } catch (DomainListException e) {
                throw new IllegalStateException("cannot read the domain list", e);
            } catch (IllegalArgumentException notADomain) {
                return false;
            }
        };
    }
}
