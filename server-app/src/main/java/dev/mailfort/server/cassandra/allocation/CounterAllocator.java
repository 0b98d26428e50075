/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Hands out ranges of a per-mailbox counter with one Paxos round per allocation in the steady state.
 *
 * <p>James 3.8.1 reads the counter with SERIAL consistency before each compare-and-set, so every allocation costs two
 * Paxos rounds. This allocator starts from the value it last saw for the mailbox instead. The compare-and-set stays
 * the only arbiter: it stores {@code seen + count} only if the counter still holds {@code seen}, so a range is handed
 * out once whatever the guess. When the guess was stale, the losing write's answer carries the current value and the
 * retry starts from there without a read. The SERIAL read is left for a mailbox this node has no value for (or
 * whose row turned out to be missing). The stored value and its meaning (the last value handed out, no row before the
 * first) are James's, so nodes running James's providers can share the tables with this one.
 *
 * <p>A failed attempt (lost race or error) is retried after a growing pause, up to the configured number of retries,
 * as James does; then the allocation fails.
 */
final class CounterAllocator {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

    private final CounterStatements statements;
    private final LastSeenCounterValues lastSeen;
    private final RetryBackoffSpec retries;

    /**
     * @param statements the counter's statements
     * @param lastSeen this allocator's memory of the counter's values
     * @param maxRetries how many failed attempts to retry before giving up
     */
    CounterAllocator(CounterStatements statements, LastSeenCounterValues lastSeen, int maxRetries) {
        this.statements = statements;
        this.lastSeen = lastSeen;
        this.retries = Retry.backoff(maxRetries, FIRST_BACKOFF).scheduler(Schedulers.parallel());
    }

    /**
     * Reserves {@code count} consecutive values.
     *
     * @param mailboxId the mailbox whose counter to advance
     * @param count how many values, at least 1
     * @return the highest reserved value {@code h}: the caller owns {@code h - count + 1} to {@code h}
     */
    Mono<Long> reserve(UUID mailboxId, int count) {
        Preconditions.checkArgument(count > 0, "count must be positive, was %s", count);
        return Mono.defer(() -> startingPoint(mailboxId))
            .flatMap(current -> advance(mailboxId, current, count))
            .retryWhen(retries);
    }

    private Mono<OptionalLong> startingPoint(UUID mailboxId) {
        OptionalLong remembered = lastSeen.get(mailboxId);
        if (remembered.isPresent()) {
            return Mono.just(remembered);
        }
        return statements.readSerial(mailboxId);
    }

    private Mono<Long> advance(UUID mailboxId, OptionalLong current, int count) {
        long proposed = Math.addExact(current.orElse(0L), count);
        Mono<CompareAndSetOutcome> write = current.isPresent()
            ? statements.compareAndSet(mailboxId, current.getAsLong(), proposed)
            : statements.createIfAbsent(mailboxId, proposed);
        return write.flatMap(outcome -> {
            if (outcome.applied()) {
                lastSeen.wrote(mailboxId, proposed);
                return Mono.just(proposed);
            }
            outcome.current().ifPresentOrElse(
                found -> lastSeen.found(mailboxId, found),
                () -> lastSeen.forget(mailboxId));
            return Mono.error(new CounterMovedException());
        });
    }

    /** Another writer got there first; the retry starts from what it left. */
    static final class CounterMovedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CounterMovedException() {
            // Thrown on every lost race: no stack trace to fill.
            super("The counter moved since it was last seen", null, false, false);
        }
    }
}
