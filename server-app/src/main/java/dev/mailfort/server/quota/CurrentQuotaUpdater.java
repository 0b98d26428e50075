/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.quota;

import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.Expunged;
import org.apache.james.mailbox.events.MailboxEvents.MailboxDeletion;
import org.apache.james.mailbox.events.MailboxEvents.MetaDataHoldingEvent;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Keeps each quota root's current usage (message count and bytes) in step with its mailboxes: messages added
 * count up, expunged messages and deleted mailboxes count down. This is what {@code QuotaChecker} compares with the
 * limits before the next append.
 *
 * <p>Takes the place of James's {@link ListeningCurrentQuotaUpdater}, which after each change also reads the three
 * limit tables and the usage back, only to publish a {@code QuotaUsageUpdatedEvent}. That event is for quota
 * threshold mails and an OpenSearch quota index, neither of which Mailfort runs: four Cassandra reads per delivered
 * mail for nobody. Adding James's {@code QuotaThresholdCrossingListener} to {@code listeners.xml} would therefore
 * have no effect.
 *
 * <p>The listener keeps James's group: dead letters stored under it stay redeliverable, and in a cluster the
 * RabbitMQ work queue named after it keeps its single consumer. A group of our own would leave that queue bound
 * and unconsumed, filling up with every mailbox event, and during a rolling upgrade old and new nodes would each
 * count the same message once. Binding both updaters at once fails at start (a group registers once per bus).
 */
public class CurrentQuotaUpdater implements EventListener.ReactiveGroupEventListener, QuotaUpdater {
    private final CurrentQuotaManager currentQuotas;
    private final QuotaRootResolver quotaRoots;

    /**
     * @param currentQuotas where each quota root's usage is counted
     * @param quotaRoots    gives the quota root of a mailbox path (from the owner's name alone, no storage read)
     */
    @Inject
    public CurrentQuotaUpdater(CurrentQuotaManager currentQuotas, QuotaRootResolver quotaRoots) {
        this.currentQuotas = currentQuotas;
        this.quotaRoots = quotaRoots;
    }

    @Override
    public Group getDefaultGroup() {
        return ListeningCurrentQuotaUpdater.GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof Added || event instanceof Expunged || event instanceof MailboxDeletion;
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        if (event instanceof Added added) {
            return apply(added, currentQuotas::increase);
        }
        if (event instanceof Expunged expunged) {
            return apply(expunged, currentQuotas::decrease);
        }
        if (event instanceof MailboxDeletion deletion) {
            return releaseDeletedMailbox(deletion);
        }
        return Mono.empty();
    }

    private Mono<Void> apply(MetaDataHoldingEvent event, Function<QuotaOperation, Publisher<Void>> change) {
        if (event.getUids().isEmpty()) {
            return Mono.empty();
        }
        return Mono.from(quotaRoots.getQuotaRootReactive(event.getMailboxPath()))
            .flatMap(quotaRoot -> Mono.from(change.apply(messagesOf(event, quotaRoot))));
    }

    // Counted even if the sizes add up to zero, unlike James: a mailbox deletion and the WebAdmin recomputation of
    // usage count such messages too, and skipping them here would leave the usage off by that many.
    private static QuotaOperation messagesOf(MetaDataHoldingEvent event, QuotaRoot quotaRoot) {
        long bytes = event.getUids().stream()
            .mapToLong(uid -> event.getMetaData(uid).getSize())
            .sum();
        return new QuotaOperation(quotaRoot, QuotaCountUsage.count(event.getUids().size()), QuotaSizeUsage.size(bytes));
    }

    /** The event carries the mailbox's totals and quota root as they were when it was deleted: nothing is left to read. */
    private Mono<Void> releaseDeletedMailbox(MailboxDeletion deletion) {
        if (deletion.getDeletedMessageCount().asLong() == 0) {
            return Mono.empty();
        }
        return Mono.from(currentQuotas.decrease(new QuotaOperation(deletion.getQuotaRoot(),
            deletion.getDeletedMessageCount(), deletion.getTotalDeletedSize())));
    }
}
