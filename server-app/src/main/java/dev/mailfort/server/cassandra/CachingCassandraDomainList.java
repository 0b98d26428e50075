/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.util.concurrent.ExecutionException;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.cassandra.CassandraDomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.cache.Cache;
import com.google.common.base.Throwables;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;

/**
 * The Cassandra domain list, with the answers to "is this one of our domains?" kept for a while.
 *
 * <p>A delivered message asks that question about ten times (SMTP recipient checks, {@code HostIsLocal},
 * {@code RecipientIsLocal}, {@code IsFromOutside}...), each a Cassandra read otherwise. The cache is switched on
 * by {@code <read><cache><enable>} in {@code domainlist.xml} and its answers live {@code <expiracy>}.
 *
 * <p>James's own read cache keeps an answer until it expires, even after the domain was added or removed through
 * this very server, so an admin who adds a domain and mails it at once would see the mail refused. Here a change
 * made through this server forgets the cached answer at once; only a change made through another node of a cluster
 * waits for the expiry.
 */
public class CachingCassandraDomainList extends CassandraDomainList {
    private volatile Cache<Domain, Boolean> answers;

    @Inject
    public CachingCassandraDomainList(DNSService dnsService, CqlSession session) {
        super(dnsService, session);
    }

    @Override
    public void configure(DomainListConfiguration configuration) throws ConfigurationException {
        if (configuration.isCacheEnabled()) {
            answers = CacheBuilder.newBuilder()
                .expireAfterWrite(configuration.getCacheExpiracy())
                .maximumSize(100_000)
                .build();
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
        Cache<Domain, Boolean> cache = answers;
        if (cache == null) {
            return super.containsDomain(domain);
        }
        try {
            return cache.get(domain, () -> super.containsDomain(domain));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DomainListException) {
                throw (DomainListException) e.getCause();
            }
            throw new IllegalStateException("Could not tell whether " + domain.asString() + " is local", e.getCause());
        } catch (UncheckedExecutionException e) {
            // Callers that tell a storage outage (answered 4xx) from other failures see the original exception.
            Throwables.throwIfUnchecked(e.getCause());
            throw e;
        }
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        try {
            super.addDomain(domain);
        } finally {
            forget(domain);
        }
    }

    @Override
    public void doRemoveDomain(Domain domain) throws DomainListException {
        try {
            super.doRemoveDomain(domain);
        } finally {
            forget(domain);
        }
    }

    private void forget(Domain domain) {
        Cache<Domain, Boolean> cache = answers;
        if (cache != null) {
            cache.invalidate(domain);
        }
    }
}
