/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.lib.ProtocolHandlerChainImpl;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.server.core.configuration.FileConfigurationProvider;

/**
 * Builds a handler chain the way James's servers do (James's own {@link ProtocolHandlerChainImpl}), from a
 * {@code <handlerchain>} naming our handlers and a small core package standing in for James's, so that tests
 * exercise the real ordering and wiring rules.
 */
public final class HandlerChains {
    private HandlerChains() {
    }

    public static ProtocolHandlerChainImpl build(Class<? extends HandlersPackage> corePackage, Class<?>... declaredHandlers) throws Exception {
        String handlers = Arrays.stream(declaredHandlers)
            .map(handler -> "<handler class=\"" + handler.getName() + "\"/>")
            .collect(Collectors.joining());
        HierarchicalConfiguration<ImmutableNode> handlerChain = FileConfigurationProvider.getConfig(new ByteArrayInputStream(
            ("<handlerchain enableJmx=\"false\">" + handlers + "</handlerchain>").getBytes(StandardCharsets.UTF_8)));
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl(new ReflectionLoader(), handlerChain, "test",
            corePackage, corePackage);
        chain.init();
        return chain;
    }

    @SuppressWarnings("unchecked")
    public static <S extends ProtocolSession> Response dispatch(
            ProtocolHandlerChainImpl chain, S session, String line) {
        CommandDispatcher<S> dispatcher = chain.getHandlers(CommandDispatcher.class).getFirst();
        return dispatcher.onLine(session, (line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Instantiates handlers without Guice: James's protocol handlers need at most a {@link MetricFactory}. */
    private static final class ReflectionLoader implements ProtocolHandlerLoader {
        private final MetricFactory metricFactory = new RecordingMetricFactory();

        @Override
        public ProtocolHandler load(String name, Configuration config) throws LoadingException {
            try {
                ProtocolHandler handler = instantiate(Class.forName(name));
                handler.init(config);
                return handler;
            } catch (Exception e) {
                throw new LoadingException("Can not load " + name, e);
            }
        }

        private ProtocolHandler instantiate(Class<?> clazz) throws Exception {
            for (Constructor<?> constructor : clazz.getConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == MetricFactory.class) {
                    return (ProtocolHandler) constructor.newInstance(metricFactory);
                }
            }
            return (ProtocolHandler) clazz.getConstructor().newInstance();
        }
    }
}
