/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxDAO;
import org.apache.james.mailbox.cassandra.mail.task.RecomputeMailboxCountersService;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Recomputes, a little later, the counters of each mailbox a counter write failed for.
 *
 * <p>James 3.8.1 keeps a mailbox's message and unseen counts in Cassandra counters, which it adds to as messages
 * come, go and change flags. When such a write fails (a time-out while Cassandra restarts or is saturated), James
 * logs it and goes on, and the counter stays wrong: STATUS, the unread count clients show, would be off until a
 * random read repair (about one read in a hundred) recomputes it. A counter write cannot simply be retried, since
 * one that timed out may have been applied. Recomputing counts from the mailbox's message list is right whatever
 * happened, so this waits {@link #DEFAULT_DELAY} (for Cassandra to come back) and recomputes; a recomputation that
 * fails is tried again after the same delay, until the mailbox is repaired or deleted.
 *
 * <p>The recomputation lists the messages, then adds to the counters what they lack: a delivery in between would be
 * counted by its own increment and then taken off again. So it holds the mailbox's write lock
 * ({@link PerMailboxWriteLocker}), which every append, copy and move into the mailbox takes in this server. James's
 * own random read repair has no such lock and, under steady delivery, made counters wrong that were right; it is off
 * in {@code conf/cassandra.properties}. Flag changes and expunges do not take the lock and can still race a
 * recomputation; repairs pending at shutdown are dropped.
 */
@Singleton
public class MailboxCounterRepairs {
    /** Long enough for a restarting Cassandra node to take writes again, short enough for users not to notice. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(10);

    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxCounterRepairs.class);

    private final Function<CassandraId, Mono<Mailbox>> mailboxes;
    private final Function<Mailbox, Mono<Task.Result>> recompute;
    private final Duration delay;
    private final Set<CassandraId> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param mailboxDAO finds the mailbox of an id, absent once it is deleted
     * @param recomputeService recomputes one mailbox's counters; a provider, as it writes through the counter DAO
     *     that reports to this
     * @param locker the lock that appends, copies and moves into a mailbox take
     */
    @Inject
    public MailboxCounterRepairs(CassandraMailboxDAO mailboxDAO, Provider<RecomputeMailboxCountersService> recomputeService,
                                 MailboxPathLocker locker) {
        this(mailboxDAO::retrieveMailbox,
            mailbox -> recomputeService.get().recomputeMailboxCounter(new RecomputeMailboxCountersService.Context(),
                mailbox, RecomputeMailboxCountersService.Options.trustMessageProjection()),
            locker, DEFAULT_DELAY);
    }

    MailboxCounterRepairs(Function<CassandraId, Mono<Mailbox>> mailboxes, Function<Mailbox, Mono<Task.Result>> recompute,
                          MailboxPathLocker locker, Duration delay) {
        this.mailboxes = mailboxes;
        this.recompute = mailbox -> Mono.from(locker.executeReactiveWithLockReactive(mailbox.generateAssociatedPath(),
            Mono.defer(() -> recompute.apply(mailbox)), MailboxPathLocker.LockType.Write));
        this.delay = delay;
    }

    /** Called when a write to the mailbox's counters failed: they are recomputed after the delay. */
    public void counterWriteFailed(CassandraId mailboxId) {
        if (pending.add(mailboxId)) {
            LOGGER.warn("A counter write failed for mailbox {}: its message counts will be recomputed in {}",
                mailboxId.serialize(), delay);
        }
        scheduleRound();
    }

    /** The mailboxes waiting for a recomputation. */
    Set<CassandraId> pending() {
        return Set.copyOf(pending);
    }

    private void scheduleRound() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        Mono.delay(delay, Schedulers.boundedElastic())
            .then(Mono.defer(this::repairPending))
            .doFinally(signal -> {
                scheduled.set(false);
                if (!pending.isEmpty()) {
                    scheduleRound();
                }
            })
            .subscribe(any -> { }, e -> LOGGER.error("Mailbox counter repairs stopped", e));
    }

    private Mono<Void> repairPending() {
        List<CassandraId> round = List.copyOf(pending);
        pending.removeAll(round);
        return Flux.fromIterable(round).concatMap(this::repair).then();
    }

    private Mono<Void> repair(CassandraId mailboxId) {
        return mailboxes.apply(mailboxId)
            .flatMap(recompute)
            .doOnNext(result -> {
                if (result == Task.Result.COMPLETED) {
                    LOGGER.info("Message counts of mailbox {} recomputed", mailboxId.serialize());
                } else {
                    pending.add(mailboxId);
                }
            })
            .onErrorResume(e -> {
                LOGGER.warn("Could not recompute the message counts of mailbox {} yet: {}", mailboxId.serialize(),
                    e.toString());
                pending.add(mailboxId);
                return Mono.empty();
            })
            .then();
    }
}
