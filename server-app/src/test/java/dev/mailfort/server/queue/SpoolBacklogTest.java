/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SpoolBacklogTest {
    private final SpoolBacklog backlog = new SpoolBacklog();

    @Test
    void countsMailInAndOut() {
        backlog.alreadyQueued(3);
        backlog.added();
        backlog.added();
        backlog.completed();

        assertThat(backlog.size()).isEqualTo(4);
    }

    @Test
    void adminRemovalsAreSubtracted() {
        backlog.alreadyQueued(10);
        backlog.removed(7);
        backlog.removed(-1);

        assertThat(backlog.size()).isEqualTo(3);
    }

    @Test
    void neverGoesBelowZero() {
        // A mail the previous run left behind, committed before the start-up count was taken.
        backlog.completed();
        backlog.removed(5);

        assertThat(backlog.size()).isZero();
    }

    @Test
    void everyCompletionIsAnnounced() {
        AtomicInteger announced = new AtomicInteger();
        backlog.onCompletion(announced::incrementAndGet);
        backlog.added();

        backlog.completed();
        backlog.completed();

        assertThat(announced).hasValue(2);
    }
}
