/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricSet;
import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Puts the DataStax driver's own Dropwizard metrics (request latency, time-outs, open connections per node) into
 * James's registry, under {@code cassandra.}, so that {@code /metrics} shows Cassandra as the server sees it.
 */
final class CassandraDriverMetrics {
    static final String PREFIX = "cassandra";

    private CassandraDriverMetrics() {
    }

    static void publish(CqlSession session, MetricRegistry jamesRegistry) {
        session.getMetrics().ifPresent(metrics -> {
            MetricSet driverRegistry = metrics.getRegistry();
            if (jamesRegistry.getNames().stream().noneMatch(name -> name.startsWith(PREFIX + "."))) {
                jamesRegistry.register(PREFIX, driverRegistry);
            }
        });
    }
}
