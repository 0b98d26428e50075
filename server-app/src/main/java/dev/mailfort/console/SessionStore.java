/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: a restart logs every admin out, which is the safe direction. A session ends
 * after {@code idleTimeout} without a request; the table is bounded so that logins in a loop cannot fill the heap
 * (the session idle the longest goes first).
 */
public final class SessionStore {
    static final int MAX_SESSIONS = 1000;
    private static final int ID_BYTES = 32;

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param idleTimeout how long a session lives without a request
     * @param clock       the time source (a fixed clock in tests)
     * @param random      the source of session ids and CSRF tokens
     */
    public SessionStore(Duration idleTimeout, Clock clock, SecureRandom random) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.random = random;
    }

    /** A new session for an admin who just proved who they are. */
    public ConsoleSession create(String admin) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(session -> isExpired(session, now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream().min(Comparator.comparing(ConsoleSession::lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
        }
        ConsoleSession session = new ConsoleSession(randomId(), admin, randomId(), now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle time restarted; empty (and forgotten) when it expired. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ConsoleSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (isExpired(session, now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    public void invalidate(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private boolean isExpired(ConsoleSession session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idleTimeout));
    }

    private String randomId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
