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
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;

/**
 * James's ActiveMQ mail queues on the connections of {@link InJvmActiveMQBroker}.
 *
 * <p>James's factory can only be injected with James's own broker class, which opens a network listener. It is
 * subclassed rather than built in a provider method so that Guice still creates it: only then does James's
 * {@code @PreDestroy} stage close the queues' JMS sessions at shutdown, before the broker stops.
 */
public class InJvmBrokerMailQueueFactory extends ActiveMQMailQueueFactory {
    /**
     * @param connectionFactory the in-JVM broker's connections, with the queue module's redelivery policy
     * @param decorators James's decoration of dequeued items (metrics)
     * @param metrics where the queues time their operations
     * @param gauges where the queues report their sizes
     * @param brokerMetrics the broker statistics collector, told about each queue created
     */
    @Inject
    public InJvmBrokerMailQueueFactory(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decorators,
                                       MetricFactory metrics, GaugeRegistry gauges, ActiveMQMetricCollector brokerMetrics) {
        super(connectionFactory, decorators, metrics, gauges, brokerMetrics);
    }
}
