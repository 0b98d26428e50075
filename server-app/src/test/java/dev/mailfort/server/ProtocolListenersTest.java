/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProtocolListenersTest {
    @Test
    @Timeout(60)
    void closesTheListenersAtTheSameTimeNotOneAfterTheOther() {
        // Each close waits for all three to have begun: one after the other, the first would never see the others.
        CountDownLatch allBegun = new CountDownLatch(3);
        AtomicInteger sawTheOthers = new AtomicInteger();
        Runnable close = () -> {
            allBegun.countDown();
            try {
                if (allBegun.await(30, TimeUnit.SECONDS)) {
                    sawTheOthers.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        ProtocolListeners.closeTogether(List.of(close, close, close), Duration.ofSeconds(45));

        assertThat(sawTheOthers).hasValue(3);
    }

    @Test
    @Timeout(60)
    void oneListenerFailingToCloseDoesNotKeepTheOthersOpen() {
        AtomicInteger closed = new AtomicInteger();
        Runnable fails = () -> {
            throw new IllegalStateException("boom");
        };

        ProtocolListeners.closeTogether(List.of(closed::incrementAndGet, fails, closed::incrementAndGet),
            Duration.ofSeconds(45));

        assertThat(closed).hasValue(2);
    }

    @Test
    @Timeout(60)
    void aListenerThatHangsDoesNotHoldTheStopForever() {
        AtomicInteger closed = new AtomicInteger();
        Runnable hangs = () -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        ProtocolListeners.closeTogether(List.of(hangs, closed::incrementAndGet), Duration.ofMillis(500));

        assertThat(closed).hasValue(1);
    }
}
