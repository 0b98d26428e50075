/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.lib.ProtocolHandlerChainImpl;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.protocols.HandlerChains;

class RequireAuthBeforeMailTest {
    public static class MailCorePackage implements HandlersPackage {
        @Override
        public List<String> getHandlers() {
            return List.of(CommandDispatcher.class.getName(), MailCmdHandler.class.getName());
        }
    }

    private ProtocolHandlerChainImpl chain;

    @BeforeEach
    void setUp() throws Exception {
        chain = HandlerChains.build(MailCorePackage.class, RequireAuthBeforeMail.class);
    }

    @Test
    void mailFromWithoutAuthIsRefusedWith530() {
        Response response = HandlerChains.dispatch(chain, session(), "MAIL FROM:<alice@example.com>");

        assertThat(response.getLines()).containsExactly("530 5.7.0 Authentication required");
    }

    @Test
    void nullSenderWithoutAuthIsRefusedToo() {
        Response response = HandlerChains.dispatch(chain, session(), "MAIL FROM:<>");

        assertThat(response.getRetCode()).isEqualTo("530");
    }

    @Test
    void mailFromIsAcceptedOnceAuthenticated() {
        SMTPSession session = session();
        session.setUsername(Username.of("alice@example.com"));

        Response response = HandlerChains.dispatch(chain, session, "MAIL FROM:<alice@example.com>");

        assertThat(response.getRetCode()).isEqualTo("250");
    }

    private static SMTPSession session() {
        SMTPSession session = new SMTPSessionImpl(FakeTransport.encrypted(), new SMTPConfigurationImpl());
        session.setAttachment(SMTPSession.CURRENT_HELO_MODE, "EHLO", State.Connection);
        return session;
    }
}
