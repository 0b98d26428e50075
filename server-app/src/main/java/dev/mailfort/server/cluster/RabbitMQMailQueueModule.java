/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobReferenceSource;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.eventsourcing.Event;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTO;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTOModule;
import org.apache.james.lifecycle.api.StartUpCheck;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueue;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueueDeadLetterQueueHealthCheck;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory;
import org.apache.james.queue.rabbitmq.view.RabbitMQMailQueueConfiguration;
import org.apache.james.queue.rabbitmq.view.api.MailQueueView;
import org.apache.james.queue.rabbitmq.view.cassandra.BrowseStartDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.BrowseStartHealthCheck;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueBrowser;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueMailDelete;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueMailStore;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueView;
import org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueViewStartUpCheck;
import org.apache.james.queue.rabbitmq.view.cassandra.ContentStartDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.DeletedMailsDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.EnqueuedMailsDAO;
import org.apache.james.queue.rabbitmq.view.cassandra.MailQueueViewBlobReferenceSource;
import org.apache.james.queue.rabbitmq.view.cassandra.configuration.CassandraMailQueueViewConfiguration;
import org.apache.james.queue.rabbitmq.view.cassandra.configuration.CassandraMailQueueViewConfigurationModule;
import org.apache.james.queue.rabbitmq.view.cassandra.configuration.EventsourcingConfigurationManagement;
import org.apache.james.util.DurationParser;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.rabbitmq.client.Connection;

import dev.mailfort.server.queue.SpoolBacklog;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.Sender;

/**
 * The mail queues (spool, outgoing...) of a cluster node in RabbitMQ, shared by all nodes: a mail accepted by one
 * node may be processed by any other, and a node that dies leaves its unacknowledged mail to the others.
 *
 * <p>RabbitMQ holds only references; the message itself is in the blob store (Cassandra) before the publication is
 * confirmed, and SMTP answers 250 only after that. Browsing, counting and removing go through James's Cassandra
 * view of each queue. Delays are honoured by {@link DelayHonouringMailQueueFactory}.
 *
 * <p>Installed instead of the single-node DurableMailQueueModule, not over it: that module adds an ActiveMQ health
 * check and start-up work through set bindings that an override could not remove.
 */
public class RabbitMQMailQueueModule extends AbstractModule {
    /** rabbitmq.properties: how long mail rejected by a queue's consumer waits before going back into the queue. */
    static final String DEAD_LETTER_REDELIVERY_DELAY = "mailqueue.dead.letter.redelivery.delay";

    @Override
    protected void configure() {
        bind(EnqueuedMailsDAO.class).in(Scopes.SINGLETON);
        bind(DeletedMailsDAO.class).in(Scopes.SINGLETON);
        bind(BrowseStartDAO.class).in(Scopes.SINGLETON);
        bind(ContentStartDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueBrowser.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueMailDelete.class).in(Scopes.SINGLETON);
        bind(CassandraMailQueueMailStore.class).in(Scopes.SINGLETON);
        bind(EventsourcingConfigurationManagement.class).in(Scopes.SINGLETON);

        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding()
            .toInstance(org.apache.james.queue.rabbitmq.view.cassandra.CassandraMailQueueViewModule.MODULE);
        Multibinder.newSetBinder(binder(), new TypeLiteral<EventDTOModule<? extends Event, ? extends EventDTO>>() {})
            .addBinding().toInstance(CassandraMailQueueViewConfigurationModule.MAIL_QUEUE_VIEW_CONFIGURATION);
        // Refuses a start whose view settings (slice window, bucket count) are incompatible with the stored ones.
        Multibinder.newSetBinder(binder(), StartUpCheck.class).addBinding().to(CassandraMailQueueViewStartUpCheck.class);
        Multibinder.newSetBinder(binder(), BlobReferenceSource.class).addBinding().to(MailQueueViewBlobReferenceSource.class);

        Multibinder<HealthCheck> healthChecks = Multibinder.newSetBinder(binder(), HealthCheck.class);
        healthChecks.addBinding().to(RabbitMQMailQueueDeadLetterQueueHealthCheck.class);
        healthChecks.addBinding().to(BrowseStartHealthCheck.class);

        Multibinder.newSetBinder(binder(), org.apache.james.backends.rabbitmq.SimpleConnectionPool.ReconnectionHandler.class)
            .addBinding().to(RestartSpoolerOnReconnect.class);
        bind(SharedSpoolSampler.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    RabbitMQMailQueueConfiguration queueSettings(@Named(ClusterMode.RABBITMQ_CONFIGURATION) Configuration properties) {
        return RabbitMQMailQueueConfiguration.from(properties);
    }

    @Provides
    @Singleton
    CassandraMailQueueViewConfiguration viewSettings(@Named(ClusterMode.RABBITMQ_CONFIGURATION) Configuration properties) {
        return CassandraMailQueueViewConfiguration.from(properties);
    }

    @Provides
    @Singleton
    MailQueueView.Factory views(CassandraMailQueueView.Factory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<RabbitMQMailQueue> rabbitQueues(RabbitMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    DelayHonouringMailQueueFactory delayHonouringQueues(MailQueueFactory<RabbitMQMailQueue> queues,
                                                        ConnectionReplacements replacements,
                                                        RedeliverDeadLetteredMail deadLetters,
                                                        SpoolBacklog spoolBacklog) {
        return new DelayHonouringMailQueueFactory(queues, replacements, deadLetters, spoolBacklog);
    }

    @Provides
    @Singleton
    RedeliverDeadLetteredMail deadLetterRedelivery(@Named(RabbitMQConnectionModule.CURRENT_CONNECTION) Mono<Connection> connection,
                                                   Sender sender, BlobStore blobStore, BlobId.Factory blobIds,
                                                   @Named(ClusterMode.RABBITMQ_CONFIGURATION) Configuration properties) {
        Duration delay = DurationParser.parse(properties.getString(DEAD_LETTER_REDELIVERY_DELAY, "1m"), ChronoUnit.SECONDS);
        return new RedeliverDeadLetteredMail(connection, sender, blobStore, blobIds, delay);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(DelayHonouringMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(DelayHonouringMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> plainQueues(DelayHonouringMailQueueFactory factory) {
        return factory;
    }
}
