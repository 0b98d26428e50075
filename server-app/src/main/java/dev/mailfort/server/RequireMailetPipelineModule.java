/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Refuses to start without the processors of {@code conf/mailetcontainer.xml}.
 *
 * <p>James would otherwise fall back to a built-in pipeline. Ours is where mail is scanned and routed: a server
 * silently running without it would deliver unscanned mail, so a missing or broken pipeline stops the start instead.
 */
public class RequireMailetPipelineModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class).toInstance(() -> {
            throw new IllegalStateException("conf/mailetcontainer.xml has no <processors>: refusing to start without the mail pipeline");
        });
        bind(MailQueueItemDecoratorFactory.class).to(RawMailQueueItemDecoratorFactory.class).in(Scopes.SINGLETON);
    }
}
