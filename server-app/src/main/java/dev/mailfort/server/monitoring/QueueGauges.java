/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.Provider;

import dev.mailfort.mailets.monitoring.MetricNames;

/**
 * {@code mailfort_queue_<name>_size} and {@code mailfort_queue_<name>_oldest_age_seconds} for the spool and outgoing
 * queues, read at each scrape.
 */
class QueueGauges {
    @Inject
    QueueGauges(GaugeRegistry gauges, Provider<MailQueueFactory<? extends ManageableMailQueue>> queues) {
        Clock clock = Clock.systemUTC();
        MonitoringModule.WATCHED_QUEUES.forEach(name -> {
            QueueStatistics statistics = new QueueStatistics(queues, name);
            String prefix = "mailfort_queue_" + MetricNames.part(name.asString());
            gauges.register(prefix + "_size", statistics::size);
            gauges.register(prefix + "_oldest_age_seconds", () -> statistics.oldestAge(clock).toSeconds());
        });
    }
}
