/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.encode.FakeImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.message.request.IRAuthenticateRequest;
import org.apache.james.imap.message.response.AuthenticateResponse;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

import dev.mailfort.protocols.abuse.AuthFailureSettings;
import dev.mailfort.protocols.abuse.AuthFailureTracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateOnlyOverTlsTest {
    private static final String REFUSAL =
        "a1 NO [PRIVACYREQUIRED] Authentication is only possible over TLS: issue STARTTLS first, or use port 993\r\n";
    private static final String PLAIN_CREDENTIALS = Base64.getEncoder()
        .encodeToString("\0alice@example.com\0secret".getBytes(StandardCharsets.UTF_8));

    private final FakeImapServer.RefusingMailboxManager mailboxManager = new FakeImapServer.RefusingMailboxManager();
    private final AuthenticateOnlyOverTls processor = new AuthenticateOnlyOverTls(mailboxManager.asMailboxManager(),
        new UnpooledStatusResponseFactory(), new RecordingMetricFactory(),
        new AuthFailureTracker(AuthFailureSettings.DEFAULTS, Clock.systemUTC()));

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "OAUTHBEARER", "XOAUTH2", "CRAM-MD5"})
    void everyMechanismIsRefusedBeforeAnyContinuation(String mechanism) {
        List<ImapResponseMessage> responses = FakeImapServer.process(processor,
            new AuthenticateRequest(mechanism, new Tag("a1")), FakeImapServer.session(false));

        assertThat(FakeImapServer.onTheWire(responses)).isEqualTo(REFUSAL);
    }

    @Test
    void stockJamesInvitesABearerTokenBeforeTlsEvenWithRequireSsl() {
        AuthenticateProcessor stock = new AuthenticateProcessor(mailboxManager.asMailboxManager(),
            new UnpooledStatusResponseFactory(), new RecordingMetricFactory());
        FakeImapSession requireSslWithoutTls = new FakeImapSession() {
            @Override
            public boolean isSSLRequired() {
                return true;
            }
        };

        List<ImapResponseMessage> responses = FakeImapServer.process(stock,
            new AuthenticateRequest("OAUTHBEARER", new Tag("a1")), requireSslWithoutTls);

        assertThat(responses).hasOnlyElementsOfType(AuthenticateResponse.class);
    }

    @Test
    void initialResponseSentBeforeTlsIsNeverChecked() {
        List<ImapResponseMessage> responses = FakeImapServer.process(processor,
            new IRAuthenticateRequest("PLAIN", new Tag("a1"), PLAIN_CREDENTIALS), FakeImapServer.session(false));

        assertThat(FakeImapServer.onTheWire(responses)).isEqualTo(REFUSAL);
        assertThat(mailboxManager.authentications()).isZero();
    }

    @Test
    void plainReachesJamesOnceTlsIsActive() {
        FakeImapServer.process(processor, new IRAuthenticateRequest("PLAIN", new Tag("a1"), PLAIN_CREDENTIALS),
            FakeImapServer.session(true));

        assertThat(mailboxManager.authentications()).isEqualTo(1);
    }

    @Test
    void noMechanismIsAdvertisedBeforeTls() {
        assertThat(processor.getImplementedCapabilities(FakeImapServer.session(false))).isEmpty();
    }

    @Test
    void plainIsAdvertisedOnceTlsIsActive() {
        assertThat(processor.getImplementedCapabilities(FakeImapServer.session(true)))
            .contains(Capability.of("AUTH=PLAIN"), Capability.of("SASL-IR"));
    }
}
