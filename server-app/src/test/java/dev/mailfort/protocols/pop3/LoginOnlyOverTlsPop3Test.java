/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.lib.ProtocolHandlerChainImpl;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.pop3.POP3Configuration;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3SessionImpl;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.StlsCmdHandler;
import org.apache.james.protocols.pop3.core.UnknownCmdHandler;
import org.apache.james.protocols.pop3.core.UserCmdHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.protocols.HandlerChains;

/** {@link RefuseLoginWithoutTls} and {@link HideLoginCapabilitiesWithoutTls} in front of James's POP3 handlers. */
class LoginOnlyOverTlsPop3Test {
    /** The part of James's POP3 core that deals with login and capabilities (PASS needs a mailbox manager). */
    public static class LoginCorePackage implements HandlersPackage {
        @Override
        public List<String> getHandlers() {
            return List.of(CommandDispatcher.class.getName(), CapaCmdHandler.class.getName(), UserCmdHandler.class.getName(),
                StlsCmdHandler.class.getName(), UnknownCmdHandler.class.getName());
        }
    }

    private ProtocolHandlerChainImpl chain;

    @BeforeEach
    void setUp() throws Exception {
        chain = HandlerChains.build(LoginCorePackage.class, RefuseLoginWithoutTls.class, HideLoginCapabilitiesWithoutTls.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER alice@example.com", "PASS secret", "APOP alice@example.com c4c9334bac560ecc979e58001b3e22fb", "AUTH PLAIN", "user alice"})
    void loginCommandsAreRefusedBeforeTls(String command) {
        Response response = HandlerChains.dispatch(chain, clearTextSession(), command);

        assertThat(response.getLines())
            .containsExactly("-ERR [AUTH] Authentication is only possible over TLS: issue STLS first, or use port 995");
    }

    @Test
    void userIsHandledByJamesOnceTlsIsActive() {
        POP3Session session = encryptedSession();

        Response response = HandlerChains.dispatch(chain, session, "USER alice@example.com");

        assertThat(response.getRetCode()).isEqualTo("+OK");
        assertThat(session.getHandlerState()).isEqualTo(POP3Session.AUTHENTICATION_USERSET);
    }

    @Test
    void commandsJamesDoesNotImplementGetTheUnknownCommandAnswerOnceTlsIsActive() {
        Response response = HandlerChains.dispatch(chain, encryptedSession(), "APOP alice@example.com c4c9334bac560ecc979e58001b3e22fb");

        assertThat(response).isNotNull();
        assertThat(response.getLines()).containsExactly("-ERR");
    }

    @Test
    void capaBeforeTlsOffersStlsButNoLogin() {
        Response response = HandlerChains.dispatch(chain, clearTextSession(), "CAPA");

        assertThat(response.getLines()).first().isEqualTo("+OK Capability list follows");
        assertThat(response.getLines()).contains("STLS", "PIPELINING").doesNotContain("USER");
        assertThat(response.getLines()).last().isEqualTo(".");
    }

    @Test
    void capaAfterTlsOffersUserButNoSecondStls() {
        Response response = HandlerChains.dispatch(chain, encryptedSession(), "CAPA");

        assertThat(response.getLines()).contains("USER", "PIPELINING").doesNotContain("STLS");
        assertThat(response.getLines()).last().isEqualTo(".");
    }

    private static POP3Session clearTextSession() {
        return session(FakeTransport.clearText());
    }

    private static POP3Session encryptedSession() {
        return session(FakeTransport.encrypted());
    }

    private static POP3Session session(FakeTransport transport) {
        POP3Session session = new POP3SessionImpl(transport, new POP3Configuration());
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        return session;
    }
}
