/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins per client address and per account, shared by SMTP, IMAP and POP3 (one instance per server).
 *
 * <p>A protocol asks {@link #blockedFor} before checking a password and refuses the attempt while the address is
 * blocked; after a failed check it calls {@link #recordFailure} and waits the delay that comes back before
 * answering. A successful login changes nothing: an attacker who owns one account must not be able to wipe the
 * failures it made guessing the passwords of others. Every count is forgotten after the window and every block ends,
 * so a real user is never locked out for good, and an account alone is only ever slowed down, never blocked.
 *
 * <p>Memory is bounded by {@link AuthFailureSettings#maxTrackedAddresses()}: when the table is full, idle entries
 * are dropped; if none is idle, new addresses go untracked rather than exhausting the heap.
 */
public final class AuthFailureTracker {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthFailureTracker.class);

    private final AuthFailureSettings settings;
    private final Clock clock;
    private final Map<InetAddress, Failures> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
    // A full table means an attack from very many addresses: one warning a minute, not one per attempt.
    private final AtomicReference<Instant> lastFullTableWarning = new AtomicReference<>(Instant.MIN);

    public AuthFailureTracker(AuthFailureSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public AuthFailureSettings settings() {
        return settings;
    }

    /** How much longer the address may not log in; empty when it may. */
    public Optional<Duration> blockedFor(InetAddress client) {
        if (client == null) {
            return Optional.empty();
        }
        Failures failures = byAddress.get(client);
        return failures == null ? Optional.empty() : failures.blockedFor(clock.instant());
    }

    /**
     * Counts a failed login.
     *
     * @param client  the client's address; {@code null} (unknown) counts nothing
     * @param account the login name tried, or {@code null} when the protocol does not know it
     * @return how long to wait before answering (zero below the thresholds)
     */
    public Duration recordFailure(InetAddress client, String account) {
        if (client == null || settings.exempt().contains(client)) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        int fromAddress = count(byAddress, client, now, settings.blockAfter(), true);
        int forAccount = account == null ? 0
            : count(byAccount, account.toLowerCase(Locale.ROOT), now, settings.accountDelayAfter() + 1, false);
        if (fromAddress >= settings.blockAfter()) {
            LOGGER.warn("{} failed logins from {} within {}: logins from it refused for {}", fromAddress,
                client.getHostAddress(), settings.window(), settings.blockFor());
        }
        if (fromAddress > settings.delayAfter() || forAccount > settings.accountDelayAfter()) {
            return settings.delay();
        }
        return Duration.ZERO;
    }

    private <K> int count(Map<K, Failures> table, K key, Instant now, int cap, boolean mayBlock) {
        Failures failures = table.get(key);
        if (failures == null) {
            if (table.size() >= settings.maxTrackedAddresses()) {
                table.values().removeIf(entry -> entry.isIdle(now));
                if (table.size() >= settings.maxTrackedAddresses()) {
                    Instant last = lastFullTableWarning.get();
                    if (now.isAfter(last.plusSeconds(60)) && lastFullTableWarning.compareAndSet(last, now)) {
                        LOGGER.warn("{} addresses or accounts with recent failed logins (maxTrackedAddresses): "
                            + "new ones are not tracked until some are idle", table.size());
                    }
                    return 0;
                }
            }
            failures = table.computeIfAbsent(key, any -> new Failures(settings));
        }
        return failures.add(now, cap, mayBlock);
    }

    /** The failures of one address or account. Guarded by its own monitor. */
    private static final class Failures {
        private final AuthFailureSettings settings;
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant blockedUntil;

        Failures(AuthFailureSettings settings) {
            this.settings = settings;
        }

        synchronized int add(Instant now, int cap, boolean mayBlock) {
            forgetOld(now);
            times.addLast(now);
            int count = times.size();
            while (times.size() > cap) {
                times.removeFirst();
            }
            if (mayBlock && count >= settings.blockAfter()) {
                blockedUntil = now.plus(settings.blockFor());
                // Counting starts over once the block ends: the next failures are delayed again before a new block.
                times.clear();
            }
            return count;
        }

        synchronized Optional<Duration> blockedFor(Instant now) {
            if (blockedUntil == null || !now.isBefore(blockedUntil)) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, blockedUntil));
        }

        synchronized boolean isIdle(Instant now) {
            forgetOld(now);
            return times.isEmpty() && (blockedUntil == null || !now.isBefore(blockedUntil));
        }

        private void forgetOld(Instant now) {
            Instant oldest = now.minus(settings.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
                times.removeFirst();
            }
        }
    }
}
