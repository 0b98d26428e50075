/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

import dev.mailfort.protocols.abuse.AuthFailureSettings;
import dev.mailfort.protocols.abuse.AuthFailureTracker;

class LoginOnlyOverTlsTest {
    private final FakeImapServer.RefusingMailboxManager mailboxManager = new FakeImapServer.RefusingMailboxManager();
    private final LoginOnlyOverTls processor = new LoginOnlyOverTls(mailboxManager.asMailboxManager(),
        new UnpooledStatusResponseFactory(), new RecordingMetricFactory(),
        new AuthFailureTracker(AuthFailureSettings.DEFAULTS, Clock.systemUTC()));

    @Test
    void loginBeforeTlsIsRefusedWithPrivacyRequired() {
        List<ImapResponseMessage> responses = FakeImapServer.process(processor, login("a1"), FakeImapServer.session(false));

        assertThat(FakeImapServer.onTheWire(responses))
            .isEqualTo("a1 NO [PRIVACYREQUIRED] Authentication is only possible over TLS: issue STARTTLS first, or use port 993\r\n");
    }

    @Test
    void passwordSentBeforeTlsIsNeverChecked() {
        FakeImapServer.process(processor, login("a1"), FakeImapServer.session(false));

        assertThat(mailboxManager.authentications()).isZero();
    }

    @Test
    void loginReachesJamesOnceTlsIsActive() {
        List<ImapResponseMessage> responses = FakeImapServer.process(processor, login("a1"), FakeImapServer.session(true));

        assertThat(mailboxManager.authentications()).isEqualTo(1);
        assertThat(FakeImapServer.onTheWire(responses)).startsWith("a1 NO LOGIN failed.");
    }

    @Test
    void loginDisabledIsAdvertisedBeforeTlsOnly() {
        assertThat(processor.getImplementedCapabilities(FakeImapServer.session(false))).containsExactly(Capability.of("LOGINDISABLED"));
        assertThat(processor.getImplementedCapabilities(FakeImapServer.session(true))).isEmpty();
    }

    private static LoginRequest login(String tag) {
        return new LoginRequest(Username.of("alice@example.com"), "secret", new Tag(tag));
    }
}
