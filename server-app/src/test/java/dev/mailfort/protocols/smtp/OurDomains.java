/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.List;
import java.util.stream.Stream;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;

/** A fixed domain list, as James's DomainList would hold it. */
final class OurDomains implements DomainList {
    private final List<Domain> domains;

    OurDomains(String... domains) {
        this.domains = Stream.of(domains).map(Domain::of).toList();
    }

    @Override
    public List<Domain> getDomains() {
        return domains;
    }

    @Override
    public boolean containsDomain(Domain domain) {
        return domains.contains(domain);
    }

    @Override
    public void addDomain(Domain domain) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeDomain(Domain domain) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Domain getDefaultDomain() {
        return domains.get(0);
    }
}
