/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.common.net.InetAddresses;

import dev.mailfort.testing.MovableClock;

class AuthFailureTrackerTest {
    private static final InetAddress ATTACKER = InetAddresses.forString("192.0.2.1");
    private static final InetAddress OTHER = InetAddresses.forString("192.0.2.2");
    private static final Duration DELAY = Duration.ofSeconds(2);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AuthFailureSettings settings = new AuthFailureSettings(Duration.ofMinutes(15), 5, DELAY, 20,
        Duration.ofMinutes(15), 10, AddressBlocks.parse("198.51.100.0/24, 2001:db8::1"), 100);
    private final AuthFailureTracker tracker = new AuthFailureTracker(settings, clock);

    @Test
    void failuresUpToDelayAfterAreAnsweredAtOnce() {
        for (int i = 1; i <= 5; i++) {
            assertThat(tracker.recordFailure(ATTACKER, "user" + i)).as("failure %d", i).isZero();
        }
    }

    @Test
    void furtherFailuresAreDelayed() {
        fail(ATTACKER, 5);

        assertThat(tracker.recordFailure(ATTACKER, "x")).isEqualTo(DELAY);
    }

    @Test
    void theAddressIsBlockedAtBlockAfterFailuresAndOnlyThatAddress() {
        fail(ATTACKER, 19);
        assertThat(tracker.blockedFor(ATTACKER)).isEmpty();

        fail(ATTACKER, 1);

        assertThat(tracker.blockedFor(ATTACKER)).contains(Duration.ofMinutes(15));
        assertThat(tracker.blockedFor(OTHER)).isEmpty();
    }

    @Test
    void theBlockEnds() {
        fail(ATTACKER, 20);

        clock.advance(Duration.ofMinutes(14));
        assertThat(tracker.blockedFor(ATTACKER)).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(tracker.blockedFor(ATTACKER)).isEmpty();
    }

    @Test
    void afterTheBlockCountingStartsOver() {
        fail(ATTACKER, 20);
        clock.advance(Duration.ofMinutes(15));

        assertThat(tracker.recordFailure(ATTACKER, "x")).isZero();
        assertThat(tracker.blockedFor(ATTACKER)).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        fail(ATTACKER, 19);
        clock.advance(Duration.ofMinutes(15));

        fail(ATTACKER, 5);

        assertThat(tracker.blockedFor(ATTACKER)).isEmpty();
        assertThat(tracker.recordFailure(ATTACKER, "x")).isEqualTo(DELAY);
    }

    @Test
    void aSlidingWindowCountsOnlyRecentFailures() {
        fail(ATTACKER, 10);
        clock.advance(Duration.ofMinutes(10));
        fail(ATTACKER, 9);
        clock.advance(Duration.ofMinutes(6));

        fail(ATTACKER, 1);

        assertThat(tracker.blockedFor(ATTACKER)).isEmpty();
    }

    @Test
    void failuresForOneAccountFromManyAddressesAreDelayedButNeverBlocked() {
        for (int i = 1; i <= 10; i++) {
            assertThat(tracker.recordFailure(InetAddresses.forString("203.0.113." + i), "Alice@Example.com")).isZero();
        }

        assertThat(tracker.recordFailure(InetAddresses.forString("203.0.113.50"), "alice@example.com")).isEqualTo(DELAY);
        assertThat(tracker.blockedFor(InetAddresses.forString("203.0.113.50"))).isEmpty();
    }

    @Test
    void unknownAddressesAndExemptNetworksAreNotCounted() {
        InetAddress exempt = InetAddresses.forString("198.51.100.7");
        for (int i = 0; i < 30; i++) {
            assertThat(tracker.recordFailure(exempt, "x")).isZero();
            assertThat(tracker.recordFailure(InetAddresses.forString("2001:db8::1"), "y")).isZero();
            assertThat(tracker.recordFailure(null, "z")).isZero();
        }

        assertThat(tracker.blockedFor(exempt)).isEmpty();
        assertThat(tracker.blockedFor(null)).isEmpty();
    }

    @Test
    void loopbackIsNotExemptByDefault() {
        AuthFailureTracker defaults = new AuthFailureTracker(AuthFailureSettings.DEFAULTS, clock);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 20; i++) {
            defaults.recordFailure(loopback, "x");
        }

        assertThat(defaults.blockedFor(loopback)).isPresent();
    }

    @Test
    void memoryIsBoundedAndIdleEntriesMakeRoom() {
        for (int i = 0; i < 100; i++) {
            tracker.recordFailure(InetAddresses.fromInteger(0x0A000000 + i), null);
        }
        assertThat(tracker.recordFailure(OTHER, null)).isZero();
        fail(OTHER, 25);
        assertThat(tracker.blockedFor(OTHER)).as("untracked while the table is full").isEmpty();

        clock.advance(Duration.ofMinutes(16));
        fail(OTHER, 20);

        assertThat(tracker.blockedFor(OTHER)).isPresent();
    }

    private void fail(InetAddress client, int times) {
        for (int i = 0; i < times; i++) {
            tracker.recordFailure(client, "account-" + i);
        }
    }
}
