/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import java.io.FileNotFoundException;

import javax.inject.Singleton;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.queue.activemq.ActiveMQConfiguration;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorImpl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The mail queues (spool, outgoing) in an embedded ActiveMQ broker persisted with KahaDB under the working directory.
 *
 * <p>This is where the SMTP server hands a message over before answering 250: KahaDB journals it to disk, so an
 * acknowledged message survives a crash and is processed after restart. Single node only; a cluster needs a shared
 * queue (RabbitMQ).
 *
 * <p>The broker is {@link InJvmActiveMQBroker}, not James's {@code EmbeddedActiveMQ}: James's also listens on a TCP
 * port without authentication. Everything that used James's broker gets the in-JVM broker's connections instead.
 */
public class DurableMailQueueModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(DurableMailQueueModule.class);
    private static final String CONFIGURATION_FILE = "activemq";

    @Override
    protected void configure() {
        bind(KahaDBPersistenceAdapter.class).in(Scopes.SINGLETON);
        bind(PersistenceAdapter.class).to(KahaDBPersistenceAdapter.class);
        bind(InJvmActiveMQBroker.class).in(Scopes.SINGLETON);
        bind(InJvmBrokerMailQueueFactory.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).to(InJvmBrokerMailQueueFactory.class);
        bind(ActiveMQMetricCollectorImpl.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorImpl.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(InJvmActiveMQBroker broker) {
        ActiveMQConnectionFactory factory = broker.connectionFactory();
        factory.setRedeliveryPolicy(RetryForeverRedeliveryPolicy.create());
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory factory) {
        factory.setUseJMX(false);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> plainQueues(ActiveMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    ActiveMQConfiguration brokerSettings(PropertiesProvider properties) throws ConfigurationException {
        try {
            return ActiveMQConfiguration.from(properties.getConfigurations(CONFIGURATION_FILE));
        } catch (FileNotFoundException e) {
            LOGGER.info("No conf/activemq.properties: default broker settings");
            return ActiveMQConfiguration.getDefault();
        }
    }

    @ProvidesIntoSet
    InitializationOperation startQueueMetrics(ActiveMQMetricCollector collector) {
        return InitilizationOperationBuilder.forClass(ActiveMQMetricCollector.class).init(collector::start);
    }
}
