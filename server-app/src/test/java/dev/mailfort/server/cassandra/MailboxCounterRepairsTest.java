/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.task.Task;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class MailboxCounterRepairsTest {
    private static final Duration DELAY = Duration.ofMillis(50);

    private final Map<CassandraId, Mailbox> existing = new ConcurrentHashMap<>();
    private final List<CassandraId> recomputed = new CopyOnWriteArrayList<>();
    private final PerMailboxWriteLocker locker = new PerMailboxWriteLocker();

    @Test
    void failuresForOneMailboxBeforeTheDelayAreRepairedByOneRecomputation() {
        CassandraId inbox = mailbox();
        MailboxCounterRepairs repairs = repairs(mailbox -> Mono.just(Task.Result.COMPLETED));

        repairs.counterWriteFailed(inbox);
        repairs.counterWriteFailed(inbox);
        repairs.counterWriteFailed(inbox);

        await().atMost(Duration.ofSeconds(5)).until(() -> !recomputed.isEmpty());
        await().during(Duration.ofMillis(300)).until(() -> recomputed.size() == 1);
        assertThat(repairs.pending()).isEmpty();
    }

    @Test
    void aRecomputationThatFailsIsTriedAgainUntilItCompletes() {
        CassandraId inbox = mailbox();
        AtomicInteger attempts = new AtomicInteger();
        MailboxCounterRepairs repairs = repairs(mailbox -> switch (attempts.incrementAndGet()) {
            case 1 -> Mono.error(new IllegalStateException("Cassandra still down"));
            case 2 -> Mono.just(Task.Result.PARTIAL);
            default -> Mono.just(Task.Result.COMPLETED);
        });

        repairs.counterWriteFailed(inbox);

        await().atMost(Duration.ofSeconds(5)).until(() -> recomputed.size() == 3);
        await().during(Duration.ofMillis(300)).until(() -> recomputed.size() == 3 && repairs.pending().isEmpty());
    }

    @Test
    void aDeletedMailboxIsNotRecomputedAndNotKept() {
        CassandraId deleted = CassandraId.timeBased();
        CassandraId inbox = mailbox();
        MailboxCounterRepairs repairs = repairs(mailbox -> Mono.just(Task.Result.COMPLETED));

        repairs.counterWriteFailed(deleted);
        repairs.counterWriteFailed(inbox);

        await().atMost(Duration.ofSeconds(5)).until(() -> recomputed.contains(inbox));
        assertThat(recomputed).containsExactly(inbox);
        assertThat(repairs.pending()).isEmpty();
    }

    @Test
    void aFailureDuringARoundIsRepairedByTheNextOne() {
        CassandraId first = mailbox();
        CassandraId second = mailbox();
        MailboxCounterRepairs[] repairs = new MailboxCounterRepairs[1];
        repairs[0] = repairs(mailbox -> {
            if (mailbox.getMailboxId().equals(first)) {
                repairs[0].counterWriteFailed(second);
            }
            return Mono.just(Task.Result.COMPLETED);
        });

        repairs[0].counterWriteFailed(first);

        await().atMost(Duration.ofSeconds(5)).until(() -> recomputed.equals(List.of(first, second)));
    }

    @Test
    void aRecomputationWaitsForTheAppendHoldingTheMailboxsLock() throws Exception {
        CassandraId inbox = mailbox();
        MailboxCounterRepairs repairs = repairs(mailbox -> Mono.just(Task.Result.COMPLETED));
        CountDownLatch appendHoldsTheLock = new CountDownLatch(1);
        CountDownLatch appendMayEnd = new CountDownLatch(1);
        Mono.from(locker.executeReactiveWithLockReactive(existing.get(inbox).generateAssociatedPath(),
                Mono.fromRunnable(() -> {
                    appendHoldsTheLock.countDown();
                    awaitQuietly(appendMayEnd);
                }), MailboxPathLocker.LockType.Write))
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe();
        assertThat(appendHoldsTheLock.await(5, TimeUnit.SECONDS)).isTrue();

        repairs.counterWriteFailed(inbox);

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(recomputed::isEmpty);
        appendMayEnd.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> recomputed.equals(List.of(inbox)));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CassandraId mailbox() {
        CassandraId id = CassandraId.timeBased();
        existing.put(id, new Mailbox(new MailboxPath("#private", Username.of("bob@example.com"), "INBOX"),
            UidValidity.of(42), id));
        return id;
    }

    private MailboxCounterRepairs repairs(Function<Mailbox, Mono<Task.Result>> outcome) {
        return new MailboxCounterRepairs(id -> Mono.justOrEmpty(existing.get(id)),
            mailbox -> {
                recomputed.add((CassandraId) mailbox.getMailboxId());
                return outcome.apply(mailbox);
            },
            locker, DELAY);
    }
}
