/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.encode.FakeImapSession;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.apache.james.imap.encode.StatusResponseEncoder;
import org.apache.james.imap.encode.base.EndImapEncoder;
import org.apache.james.imap.encode.base.ImapResponseComposerImpl;
import org.apache.james.imap.encode.main.DefaultImapEncoderFactory;
import org.apache.james.imap.encode.main.DefaultLocalizer;
import org.apache.james.imap.decode.main.OutputStreamImapResponseWriter;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SessionProvider.AuthorizationStep;
import org.apache.james.mailbox.exception.BadCredentialsException;

/** What an IMAP processor needs around it in a unit test: a session, a mailbox manager, and the wire encoding. */
final class FakeImapServer {
    /** A session on a connection that is, or is not, encrypted; {@code auth.requireSSL} is off, as if misconfigured. */
    static FakeImapSession session(boolean tls) {
        return new FakeImapSession() {
            @Override
            public boolean isTLSActive() {
                return tls;
            }

            @Override
            public boolean isSSLRequired() {
                return false;
            }
        };
    }

    /** A mailbox manager that refuses every password and counts how often it was asked. */
    static final class RefusingMailboxManager implements InvocationHandler {
        private final AtomicInteger authentications = new AtomicInteger();
        private final MailboxManager proxy = (MailboxManager) Proxy.newProxyInstance(MailboxManager.class.getClassLoader(),
            new Class<?>[] {MailboxManager.class}, this);

        MailboxManager asMailboxManager() {
            return proxy;
        }

        int authentications() {
            return authentications.get();
        }

        @Override
        public Object invoke(Object target, Method method, Object[] args) throws Throwable {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(target, method, args);
            }
            if (method.getName().equals("authenticate")) {
                authentications.incrementAndGet();
                return refusingStep();
            }
            if (method.getReturnType() == void.class) {
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        }

        private static AuthorizationStep refusingStep() {
            return (AuthorizationStep) Proxy.newProxyInstance(AuthorizationStep.class.getClassLoader(),
                new Class<?>[] {AuthorizationStep.class}, (target, method, args) -> {
                    throw new BadCredentialsException();
                });
        }
    }

    private FakeImapServer() {
    }

    static List<ImapResponseMessage> process(AbstractProcessor<?> processor, ImapMessage request, FakeImapSession session) {
        List<ImapResponseMessage> responses = new ArrayList<>();
        processor.processReactive(request, new ImapProcessor.Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                responses.add(message);
            }

            @Override
            public void flush() {
            }
        }, session).block();
        return responses;
    }

    /** The bytes a client would read, using James's status encoder and ours. */
    static String onTheWire(List<ImapResponseMessage> responses) {
        Stream<ImapResponseEncoder> encoders = Stream.of(new StatusResponseEncoder(new DefaultLocalizer()), new PrivacyRequiredResponseEncoder());
        DefaultImapEncoderFactory.DefaultImapEncoder encoder = new DefaultImapEncoderFactory.DefaultImapEncoder(encoders, new EndImapEncoder());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapResponseComposerImpl composer = new ImapResponseComposerImpl(new OutputStreamImapResponseWriter(out));
        try {
            for (ImapResponseMessage response : responses) {
                encoder.encode(response, composer);
            }
            composer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
