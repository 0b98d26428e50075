/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import javax.inject.Inject;
import javax.jms.ConnectionFactory;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/**
 * James's ActiveMQ mail queues on the connections of {@link InJvmActiveMQBroker}.
 *
 * <p>James's factory can only be injected with James's own broker class, which opens a network listener. It is
 * subclassed rather than built in a provider method so that Guice still creates it: only then does James's
 * {@code @PreDestroy} stage close the queues' JMS sessions at shutdown, before the broker stops.
 *
 * <p>Every queue reads its mail through a buffer ({@link BufferedBlobMailQueue}); the spool is a
 * {@link CountedSpoolQueue}, so that {@link SpoolBacklog} follows what it holds.
 */
public class InJvmBrokerMailQueueFactory extends ActiveMQMailQueueFactory {
    private final ActiveMQMetricCollector brokerMetrics;
    private final SpoolBacklog spoolBacklog;

    /**
     * @param connectionFactory the in-JVM broker's connections, with the queue module's redelivery policy
     * @param decorators James's decoration of dequeued items (metrics)
     * @param metrics where the queues time their operations
     * @param gauges where the queues report their sizes
     * @param brokerMetrics the broker statistics collector, told about each queue created
     * @param spoolBacklog where the spool's mails are counted in and out
     */
    @Inject
    public InJvmBrokerMailQueueFactory(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decorators,
                                       MetricFactory metrics, GaugeRegistry gauges, ActiveMQMetricCollector brokerMetrics,
                                       SpoolBacklog spoolBacklog) {
        super(connectionFactory, new CountSpoolCompletions(decorators, spoolBacklog), metrics, gauges, brokerMetrics);
        this.brokerMetrics = brokerMetrics;
        this.spoolBacklog = spoolBacklog;
    }

    @Override
    protected ManageableMailQueue createCacheableMailQueue(MailQueueName name) {
        brokerMetrics.collectQueueStatistics(name);
        if (!name.equals(MailQueueFactory.SPOOL)) {
            return new BufferedBlobMailQueue(connectionFactory, mailQueueItemDecoratorFactory, name, metricFactory,
                gaugeRegistry);
        }
        return new CountedSpoolQueue(connectionFactory, mailQueueItemDecoratorFactory, name, metricFactory,
            gaugeRegistry, spoolBacklog);
    }
}
