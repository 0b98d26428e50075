/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.cassandra.quota.CassandraGlobalMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerDomainMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.QuotaRoot;

import reactor.core.publisher.Mono;

/**
 * The Cassandra quota limits, with each mailbox owner's limits kept for {@link RecipientSettingsCache#expiry()}.
 *
 * <p>Every delivery checks the recipient's quota, which reads the user's, the domain's and the global limits: three of
 * the statements of a delivery, for values an admin changes rarely. The usage itself is still read each time. Any
 * limit set or removed through this server (WebAdmin) forgets every kept limit at once, since a domain or global
 * change touches every user; a change made through another node of a cluster counts within the expiry.
 */
public class CachingCassandraMaxQuotaManager extends CassandraPerUserMaxQuotaManager {
    private final ExpiringAnswers<QuotaRoot, QuotaDetails> limits;

    @Inject
    public CachingCassandraMaxQuotaManager(CassandraPerUserMaxQuotaDao perUserQuota,
                                           CassandraPerDomainMaxQuotaDao domainQuota,
                                           CassandraGlobalMaxQuotaDao globalQuota,
                                           RecipientSettingsCache cache) {
        super(perUserQuota, domainQuota, globalQuota);
        this.limits = cache.newAnswers();
    }

    // The parent's blocking quotaDetails and setters call their reactive twins, so overriding those covers both.

    @Override
    public Mono<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        return limits.get(quotaRoot, () -> super.quotaDetailsReactive(quotaRoot));
    }

    @Override
    public Mono<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit maxStorageQuota) {
        return forgettingLimits(super.setMaxStorageReactive(quotaRoot, maxStorageQuota));
    }

    @Override
    public Mono<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit maxMessageCount) {
        return forgettingLimits(super.setMaxMessageReactive(quotaRoot, maxMessageCount));
    }

    @Override
    public Mono<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return forgettingLimits(super.removeMaxMessageReactive(quotaRoot));
    }

    @Override
    public Mono<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return forgettingLimits(super.removeMaxStorageReactive(quotaRoot));
    }

    @Override
    public Mono<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit count) {
        return forgettingLimits(super.setDomainMaxMessageReactive(domain, count));
    }

    @Override
    public Mono<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit size) {
        return forgettingLimits(super.setDomainMaxStorageReactive(domain, size));
    }

    @Override
    public Mono<Void> removeDomainMaxMessageReactive(Domain domain) {
        return forgettingLimits(super.removeDomainMaxMessageReactive(domain));
    }

    @Override
    public Mono<Void> removeDomainMaxStorageReactive(Domain domain) {
        return forgettingLimits(super.removeDomainMaxStorageReactive(domain));
    }

    @Override
    public Mono<Void> setGlobalMaxStorageReactive(QuotaSizeLimit globalMaxStorage) {
        return forgettingLimits(super.setGlobalMaxStorageReactive(globalMaxStorage));
    }

    @Override
    public Mono<Void> removeGlobalMaxStorageReactive() {
        return forgettingLimits(super.removeGlobalMaxStorageReactive());
    }

    @Override
    public Mono<Void> setGlobalMaxMessageReactive(QuotaCountLimit globalMaxMessageCount) {
        return forgettingLimits(super.setGlobalMaxMessageReactive(globalMaxMessageCount));
    }

    @Override
    public Mono<Void> removeGlobalMaxMessageReactive() {
        return forgettingLimits(super.removeGlobalMaxMessageReactive());
    }

    /** Forgets before the caller learns the change is done, so its next read already sees it; also when it failed. */
    private Mono<Void> forgettingLimits(Mono<Void> change) {
        return change.doOnTerminate(limits::forgetAll);
    }
}
