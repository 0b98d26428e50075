/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class CsrfCheckTest {
    private final SessionStore sessions = new SessionStore(Duration.ofMinutes(30), Clock.systemUTC(), new SecureRandom());

    @Test
    void theSessionsOwnTokenIsAccepted() {
        ConsoleSession session = sessions.create("token");

        assertThat(CsrfCheck.accepts(session, session.csrfToken())).isTrue();
    }

    @Test
    void aMissingTokenIsRefused() {
        assertThat(CsrfCheck.accepts(sessions.create("token"), null)).isFalse();
    }

    @Test
    void anEmptyTokenIsRefused() {
        assertThat(CsrfCheck.accepts(sessions.create("token"), "")).isFalse();
    }

    @Test
    void anotherSessionsTokenIsRefused() {
        ConsoleSession mine = sessions.create("alice@example.com");
        ConsoleSession theirs = sessions.create("bob@example.com");

        assertThat(CsrfCheck.accepts(mine, theirs.csrfToken())).isFalse();
    }

    @Test
    void aTokenDifferingInOneCharacterIsRefused() {
        ConsoleSession session = sessions.create("token");
        String token = session.csrfToken();
        String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        assertThat(CsrfCheck.accepts(session, altered)).isFalse();
    }

    @Test
    void noSessionMeansRefused() {
        assertThat(CsrfCheck.accepts(null, "anything")).isFalse();
    }

    @Test
    void eachSessionHasADifferentTokenThanItsId() {
        ConsoleSession session = sessions.create("token");

        assertThat(session.csrfToken()).isNotEqualTo(session.id()).hasSizeGreaterThanOrEqualTo(43);
    }
}
