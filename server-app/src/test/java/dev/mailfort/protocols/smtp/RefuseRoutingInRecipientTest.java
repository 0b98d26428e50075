/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.lib.ProtocolHandlerChainImpl;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.protocols.HandlerChains;

class RefuseRoutingInRecipientTest {
    public static class RcptCorePackage implements HandlersPackage {
        @Override
        public List<String> getHandlers() {
            return List.of(CommandDispatcher.class.getName(), RcptCmdHandler.class.getName());
        }
    }

    private final RefuseRoutingInRecipient hook = new RefuseRoutingInRecipient();

    @ParameterizedTest
    @ValueSource(strings = {
        "user%external.example@example.com",
        "external.example!user@example.com",
        "\"user@external.example\"@example.com",
        "\"user%external.example\"@example.com",
        "postmaster%external.example@example.com"})
    void routedRecipientIsRefusedWhenTheClientMayNotRelay(String recipient) throws Exception {
        HookResult result = hook.doRcpt(unauthenticatedSession(), MaybeSender.nullSender(), new MailAddress(recipient));

        assertThat(result).isEqualTo(RefuseRoutingInRecipient.RELAYING_DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.com", "first.last+tag@example.com", "o'brien@example.com", "user@external.example"})
    void plainRecipientIsLeftToTheOtherChecks(String recipient) throws Exception {
        HookResult result = hook.doRcpt(unauthenticatedSession(), MaybeSender.nullSender(), new MailAddress(recipient));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void clientAllowedToRelayMaySendToARoutedAddress() throws Exception {
        SMTPSession session = unauthenticatedSession();
        session.setRelayingAllowed(true);

        HookResult result = hook.doRcpt(session, MaybeSender.nullSender(), new MailAddress("user%external.example@example.com"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void rcptCommandIsAnsweredWith550RelayingDenied() throws Exception {
        ProtocolHandlerChainImpl chain = HandlerChains.build(RcptCorePackage.class, RefuseRoutingInRecipient.class);
        SMTPSession session = unauthenticatedSession();
        session.setAttachment(SMTPSession.SENDER, MaybeSender.of(new MailAddress("sender@sender.example")), State.Transaction);

        Response response = HandlerChains.dispatch(chain, session, "RCPT TO:<user%external.example@example.com>");

        assertThat(response.getLines())
            .containsExactly("550 5.7.1 Requested action not taken: relaying denied (routing in the recipient address)");
    }

    private static SMTPSession unauthenticatedSession() {
        return new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());
    }
}
