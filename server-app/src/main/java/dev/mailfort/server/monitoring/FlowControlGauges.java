/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;

import dev.mailfort.protocols.smtp.InFlowGate;
import dev.mailfort.server.queue.SpoolBacklog;

/**
 * SMTP flow control as the admin sees it: {@code mailfort_spool_backlog} (mails in the spool not yet finished by the
 * pipeline, the figure MAIL FROM waits on), {@code mailfort_smtp_inflow_waiting} (transactions waiting now) and
 * {@code mailfort_smtp_inflow_delayed_transactions} (transactions that waited since start-up; it only grows).
 */
class FlowControlGauges {
    @Inject
    FlowControlGauges(GaugeRegistry gauges, SpoolBacklog backlog, InFlowGate gate) {
        gauges.register("mailfort_spool_backlog", backlog::size);
        gauges.register("mailfort_smtp_inflow_waiting", gate::waiting);
        gauges.register("mailfort_smtp_inflow_delayed_transactions", gate::delayedTransactions);
    }
}
