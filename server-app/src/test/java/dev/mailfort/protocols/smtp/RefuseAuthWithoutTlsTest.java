/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.lib.ProtocolHandlerChainImpl;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mailfort.protocols.FakeTransport;
import dev.mailfort.protocols.HandlerChains;

class RefuseAuthWithoutTlsTest {
    private static final String PLAIN_CREDENTIALS = Base64.getEncoder()
        .encodeToString("\0alice@example.com\0secret".getBytes(StandardCharsets.UTF_8));

    /** James's AUTH command handler, fed by a hook that accepts any password and counts the attempts. */
    public static class AuthCorePackage implements HandlersPackage {
        @Override
        public List<String> getHandlers() {
            return List.of(CommandDispatcher.class.getName(), AuthCmdHandler.class.getName(), CountingAuthHook.class.getName());
        }
    }

    public static class CountingAuthHook implements AuthHook {
        static final AtomicInteger ATTEMPTS = new AtomicInteger();

        @Override
        public HookResult doAuth(SMTPSession session, Username username, String password) {
            ATTEMPTS.incrementAndGet();
            return HookResult.OK;
        }

        @Override
        public HookResult doSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, String initialResponse) {
            ATTEMPTS.incrementAndGet();
            return HookResult.OK;
        }
    }

    private ProtocolHandlerChainImpl chain;

    @BeforeEach
    void setUp() throws Exception {
        CountingAuthHook.ATTEMPTS.set(0);
        chain = HandlerChains.build(AuthCorePackage.class, RefuseAuthWithoutTls.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH PLAIN", "AUTH LOGIN", "AUTH XOAUTH2", "AUTH OAUTHBEARER", "AUTH CRAM-MD5", "auth plain"})
    void everyMechanismIsRefusedWith538BeforeTls(String command) {
        Response response = HandlerChains.dispatch(chain, clearTextSession(), command);

        assertThat(response.getLines()).containsExactly("538 5.7.11 Encryption required for requested authentication mechanism");
    }

    @Test
    void credentialsSentBeforeTlsAreNeverChecked() {
        Response response = HandlerChains.dispatch(chain, clearTextSession(), "AUTH PLAIN " + PLAIN_CREDENTIALS);

        assertThat(response.getRetCode()).isEqualTo("538");
        assertThat(CountingAuthHook.ATTEMPTS).hasValue(0);
    }

    @Test
    void jamesAuthenticatesOnceTlsIsActive() {
        Response response = HandlerChains.dispatch(chain, encryptedSession(), "AUTH PLAIN " + PLAIN_CREDENTIALS);

        assertThat(response.getRetCode()).isEqualTo("235");
        assertThat(CountingAuthHook.ATTEMPTS).hasValue(1);
    }

    @Test
    void stockJamesAcceptsClearTextAuthWithoutThisHandler() throws Exception {
        ProtocolHandlerChainImpl stockChain = HandlerChains.build(AuthCorePackage.class);

        Response response = HandlerChains.dispatch(stockChain, clearTextSession(), "AUTH PLAIN " + PLAIN_CREDENTIALS);

        assertThat(response.getRetCode()).isEqualTo("235");
    }

    @Test
    void stepsAsideOnceTlsIsActive() {
        assertThat(new RefuseAuthWithoutTls().onCommand(encryptedSession(), null)).isNull();
    }

    private static SMTPSession clearTextSession() {
        return new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());
    }

    private static SMTPSession encryptedSession() {
        return new SMTPSessionImpl(FakeTransport.encrypted(), new SMTPConfigurationImpl());
    }
}
