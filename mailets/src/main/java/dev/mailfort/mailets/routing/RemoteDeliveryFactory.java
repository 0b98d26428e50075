/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetConfig;

/** Makes and starts one remote delivery (queue and delivery threads) for a configuration. */
@FunctionalInterface
interface RemoteDeliveryFactory {
    Mailet start(MailetConfig config) throws MessagingException;

    /** James's own RemoteDelivery, with what the server injects into the one of conf/mailetcontainer.xml. */
    static RemoteDeliveryFactory james(DNSService dns, DomainList domainList, MailQueueFactory<?> queues, MetricFactory metrics) {
        return config -> {
            RemoteDelivery delivery = new RemoteDelivery(dns, domainList, queues, metrics);
            delivery.init(config);
            return delivery;
        };
    }
}
