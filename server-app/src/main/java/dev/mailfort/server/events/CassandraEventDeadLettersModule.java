/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventDeadLettersHealthCheck;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * Event dead letters kept in Cassandra, for a single server and for cluster nodes alike: a restart must not lose the
 * events an admin still has to redeliver. Takes the place of James's {@code MemoryDeadLetterModule}.
 *
 * <p>The {@code EventSerializer} comes from the event bus module in use (in-JVM or RabbitMQ), which both bind the
 * mailbox event serializer. The WebAdmin {@code /events/deadLetter} routes and the health check read this binding.
 */
public class CassandraEventDeadLettersModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraEventDeadLetters.class).in(Scopes.SINGLETON);
        bind(EventDeadLetters.class).to(CassandraEventDeadLetters.class);

        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(EventDeadLetterTables.MODULE);
        // Degraded while dead letters wait: a listener's work (quota, deletion...) is missing until they are redelivered.
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(EventDeadLettersHealthCheck.class);
    }
}
