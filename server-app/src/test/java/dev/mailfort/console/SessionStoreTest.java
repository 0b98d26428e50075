/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mailfort.testing.MovableClock;

class SessionStoreTest {
    private final MovableClock clock = new MovableClock();
    private final SessionStore sessions = new SessionStore(Duration.ofMinutes(30), clock, new SecureRandom());

    @Test
    void aNewSessionIsFoundByItsId() {
        ConsoleSession session = sessions.create("alice@example.com");

        assertThat(sessions.find(session.id())).containsSame(session);
        assertThat(session.admin()).isEqualTo("alice@example.com");
    }

    @Test
    void anUnknownIdFindsNothing() {
        sessions.create("token");

        assertThat(sessions.find("not-a-session")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void aSessionIdleForTheTimeoutIsGone() {
        ConsoleSession session = sessions.create("token");

        clock.advance(Duration.ofMinutes(30));

        assertThat(sessions.find(session.id())).isEmpty();
        clock.advance(Duration.ofMinutes(-30));
        assertThat(sessions.find(session.id())).as("forgotten, not just hidden").isEmpty();
    }

    @Test
    void eachRequestRestartsTheIdleTime() {
        ConsoleSession session = sessions.create("token");

        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(20));

        assertThat(sessions.find(session.id())).isPresent();
    }

    @Test
    void aLoggedOutSessionIsGone() {
        ConsoleSession session = sessions.create("token");

        sessions.invalidate(session.id());

        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void idsAreRandomAndLong() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(sessions.create("token").id());
        }

        assertThat(ids).hasSize(100).allSatisfy(id -> assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void theTableIsBoundedByDroppingTheSessionIdleTheLongest() {
        ConsoleSession oldest = sessions.create("first");
        clock.advance(Duration.ofSeconds(1));
        for (int i = 1; i < SessionStore.MAX_SESSIONS; i++) {
            sessions.create("admin-" + i);
        }
        clock.advance(Duration.ofSeconds(1));

        ConsoleSession newest = sessions.create("last");

        assertThat(sessions.size()).isEqualTo(SessionStore.MAX_SESSIONS);
        assertThat(sessions.find(oldest.id())).isEmpty();
        assertThat(sessions.find(newest.id())).isPresent();
    }

    @Test
    void aFlashMessageIsShownOnce() {
        ConsoleSession session = sessions.create("token");

        session.flash("Released.");

        assertThat(session.takeFlash()).contains("Released.");
        assertThat(session.takeFlash()).isEmpty();
    }
}
