/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.server.queue.SpoolBacklog;

class InFlowGateTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private final AtomicLong backlog = new AtomicLong();
    private final InFlowGate gate = new InFlowGate(backlog::get);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> resumed = new ArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void transactionsWaitOnlyFromTheThresholdOn() {
        backlog.set(39);
        assertThat(gate.mustWait(40)).isFalse();
        backlog.set(40);
        assertThat(gate.mustWait(40)).isTrue();
    }

    @Test
    void eachFinishedMailLetsTheOldestWaiterGo() {
        gate.await(LONG, timer, () -> resumed.add("first"));
        gate.await(LONG, timer, () -> resumed.add("second"));
        gate.await(LONG, timer, () -> resumed.add("third"));

        gate.oneMailFinished();
        assertThat(resumed).containsExactly("first");
        gate.oneMailFinished();
        assertThat(resumed).containsExactly("first", "second");
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(gate.delayedTransactions()).isEqualTo(3);
    }

    @Test
    void aWaiterGoesAfterTheLongestDelayWhenNoMailIsFinished() throws Exception {
        AtomicLong resumedAt = new AtomicLong();
        long start = System.nanoTime();
        gate.await(Duration.ofMillis(200), timer, () -> resumedAt.set(System.nanoTime()));

        timer.schedule(() -> { }, 1, TimeUnit.SECONDS).get();

        assertThat(resumedAt.get()).isGreaterThanOrEqualTo(start + TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void aWaiterRunsOnceEvenWhenReleasedAndTimedOut() throws Exception {
        AtomicLong runs = new AtomicLong();
        gate.await(Duration.ofMillis(100), timer, runs::incrementAndGet);
        gate.oneMailFinished();

        timer.schedule(() -> { }, 500, TimeUnit.MILLISECONDS).get();

        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aCancelledWaiterNeitherRunsNorTakesAFinishedMailFromTheNextOne() throws Exception {
        InFlowGate.Waiter closed = gate.await(Duration.ofMillis(100), timer, () -> resumed.add("closed"));
        gate.await(LONG, timer, () -> resumed.add("next"));
        closed.cancel();

        gate.oneMailFinished();
        timer.schedule(() -> { }, 300, TimeUnit.MILLISECONDS).get();

        assertThat(resumed).containsExactly("next");
    }

    @Test
    void aFinishedMailWithNobodyWaitingIsNotSavedForLater() {
        gate.oneMailFinished();
        gate.await(LONG, timer, () -> resumed.add("late"));

        assertThat(resumed).isEmpty();
    }

    @Test
    void theSpoolBacklogDrivesTheGate() {
        SpoolBacklog spool = new SpoolBacklog();
        InFlowGate spoolGate = new InFlowGate(spool);
        spool.added();
        spool.added();
        assertThat(spoolGate.mustWait(2)).isTrue();
        spoolGate.await(LONG, timer, () -> resumed.add("waiter"));

        spool.completed();

        assertThat(resumed).containsExactly("waiter");
        assertThat(spoolGate.mustWait(2)).isFalse();
    }
}
