/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.managesieve.api.Session;
import org.apache.james.managesieve.api.commands.CoreCommands;
import org.apache.james.managesieve.core.CoreProcessor;
import org.apache.james.managesieve.util.SettableSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticateOnlyOverTlsTest {
    private CoreCommands commands;
    private Session session;

    @BeforeEach
    void setUp() {
        // James's processor answers these commands without touching its repositories.
        commands = new AuthenticateOnlyOverTls(new CoreProcessor(null, null, new FakeSieveParser()));
        session = new SettableSession();
    }

    @Test
    void authenticateBeforeTlsIsRefusedWithEncryptNeeded() {
        assertThat(commands.chooseMechanism(session, "\"PLAIN\"")).isEqualTo(AuthenticateOnlyOverTls.ENCRYPT_NEEDED);
        assertThat(session.getState()).isEqualTo(Session.State.UNAUTHENTICATED);
    }

    @Test
    void credentialsSentBeforeTlsAreNotRead() {
        session.setState(Session.State.AUTHENTICATION_IN_PROGRESS);

        assertThat(commands.authenticate(session, "AGFsaWNlAHNlY3JldA==")).isEqualTo(AuthenticateOnlyOverTls.ENCRYPT_NEEDED);
        assertThat(session.getState()).isEqualTo(Session.State.UNAUTHENTICATED);
        assertThat(session.getUser()).isNull();
    }

    @Test
    void overTlsTheMechanismIsJamess() {
        session.setSslEnabled(true);

        assertThat(commands.chooseMechanism(session, "\"PLAIN\"")).isEqualTo("+ \"\"");
        assertThat(session.getState()).isEqualTo(Session.State.AUTHENTICATION_IN_PROGRESS);
    }

    @Test
    void capabilitiesOfferNoMechanismBeforeTlsAndPlainAfter() {
        assertThat(commands.getAdvertisedCapabilities()).contains("\"SASL\" \"\"\r\n").doesNotContain("PLAIN");
        assertThat(commands.capability(session)).contains("\"SASL\" \"\"").doesNotContain("PLAIN");

        session.setSslEnabled(true);

        assertThat(commands.capability(session)).contains("\"SASL\" \"PLAIN\"").endsWith("\r\nOK");
    }
}
