/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import org.apache.james.backends.rabbitmq.SimpleConnectionPool;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.event.json.MailboxEventSerializer;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusId;
import org.apache.james.events.EventBusReconnectionHandler;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.KeyReconnectionHandler;
import org.apache.james.events.NamingStrategy;
import org.apache.james.events.RabbitMQEventBus;
import org.apache.james.events.RegistrationKey;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Mailbox events (new message, flags changed, expunged...) carried between cluster nodes by RabbitMQ: an IMAP IDLE
 * on one node hears of a message another node delivered, and each listener group (quota, indexing...) handles an
 * event once in the whole cluster.
 *
 * <p>Overrides the in-JVM bus that the mailbox storage module installs; the listeners and listeners.xml stay as they are.
 */
public class RabbitMQEventBusModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MailboxEventSerializer.class).in(Scopes.SINGLETON);
        bind(EventSerializer.class).to(MailboxEventSerializer.class);
        bind(NamingStrategy.class).toInstance(NamingStrategy.MAILBOX_EVENT_NAMING_STRATEGY);
        bind(RabbitMQEventBus.class).in(Scopes.SINGLETON);
        bind(EventBus.class).to(RabbitMQEventBus.class);
        Multibinder.newSetBinder(binder(), EventBus.class).addBinding().to(EventBus.class);
        Multibinder.newSetBinder(binder(), RegistrationKey.Factory.class).addBinding().to(MailboxIdRegistrationKey.Factory.class);
        bind(RetryBackoffConfiguration.class).toInstance(RetryBackoffConfiguration.DEFAULT);
        // Names this node's own queue, which carries the events its IMAP sessions registered for.
        bind(EventBusId.class).toInstance(EventBusId.random());

        Multibinder<SimpleConnectionPool.ReconnectionHandler> reconnection =
            Multibinder.newSetBinder(binder(), SimpleConnectionPool.ReconnectionHandler.class);
        reconnection.addBinding().to(KeyReconnectionHandler.class);
        reconnection.addBinding().to(EventBusReconnectionHandler.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(MailboxEventDeadLettersHealthCheck.class);
    }

    @ProvidesIntoSet
    InitializationOperation startBus(RabbitMQEventBus bus) {
        return InitilizationOperationBuilder.forClass(RabbitMQEventBus.class).init(bus::start);
    }
}
