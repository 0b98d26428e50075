/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.Duration;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.cassandra.CassandraDomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The Cassandra domain list, with the answers to "is this one of our domains?" kept for a while.
 *
 * <p>A delivered message asks that question about ten times (SMTP recipient checks, {@code HostIsLocal},
 * {@code RecipientIsLocal}, {@code IsFromOutside}...), each a Cassandra read otherwise. The cache is switched on
 * by {@code <read><cache><enable>} in {@code domainlist.xml} and its answers live {@code <expiracy>}.
 *
 * <p>James's own read cache keeps an answer until it expires, even after the domain was added or removed through
 * this very server, so an admin who adds a domain and mails it at once would see the mail refused. Here a change
 * made through this server forgets the cached answer at once, and a read that was under way meanwhile does not keep
 * its answer; only a change made through another node of a cluster waits for the expiry.
 */
public class CachingCassandraDomainList extends CassandraDomainList {
    private volatile ExpiringAnswers<Domain, Boolean> answers = ExpiringAnswers.keptFor(Duration.ZERO);

    @Inject
    public CachingCassandraDomainList(DNSService dnsService, CqlSession session) {
        super(dnsService, session);
    }

    @Override
    public void configure(DomainListConfiguration configuration) throws ConfigurationException {
        if (configuration.isCacheEnabled()) {
            answers = ExpiringAnswers.keptFor(configuration.getCacheExpiracy());
        }
        super.configure(withoutJamesReadCache(configuration));
    }

    private static DomainListConfiguration withoutJamesReadCache(DomainListConfiguration configuration) {
        return new DomainListConfiguration(configuration.isAutoDetectIp(), configuration.isAutoDetect(),
            configuration.getDefaultDomain(), configuration.getConfiguredDomains(), false,
            configuration.getCacheExpiracy());
    }

    @Override
    public boolean containsDomain(Domain domain) throws DomainListException {
        return answers.getBlocking(domain, () -> super.containsDomain(domain));
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        try {
            super.addDomain(domain);
        } finally {
            answers.forget(domain);
        }
    }

    @Override
    public void doRemoveDomain(Domain domain) throws DomainListException {
        try {
            super.doRemoveDomain(domain);
        } finally {
            answers.forget(domain);
        }
    }
}
