/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import java.io.FileNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.util.DurationParser;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.dropwizard.MetricsRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

import dev.mailfort.protocols.smtp.CheckSenderAuthenticity;
import dev.mailfort.senderauth.dns.DnsSettings;
import dev.mailfort.senderauth.dns.DnsjavaResolver;

/**
 * What an admin monitors: James's metrics and ours in Prometheus text format on WebAdmin's {@code /metrics}, the
 * mail queues' size and age as gauges there, and health checks for DNS and the spool queue next to Cassandra's,
 * clamd's and rspamd's.
 *
 * <p>Settings in {@code conf/healthcheck.properties} (all optional): {@code dns.probe.enabled} (default true),
 * {@code dns.probe.name} (default: the default domain), {@code queue.spool.max.size} (default 10000),
 * {@code queue.spool.max.age} (default 1h).
 */
public class MonitoringModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(MonitoringModule.class);
    static final String CONFIGURATION_FILE = "healthcheck";
    static final List<MailQueueName> WATCHED_QUEUES = List.of(MailQueueFactory.SPOOL, MailQueueName.of("outgoing"));

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(MetricsRoutes.class);
        bind(QueueGauges.class).asEagerSingleton();
        bind(FlowControlGauges.class).asEagerSingleton();
    }

    @ProvidesIntoSet
    HealthCheck dns(ConfigurationProvider configurationProvider, DomainList domains,
                    PropertiesProvider properties) throws ConfigurationException {
        Configuration settings = settings(properties);
        if (!settings.getBoolean("dns.probe.enabled", true)) {
            LOGGER.warn("DNS health check disabled (dns.probe.enabled=false in healthcheck.properties)");
            return new DnsHealthCheck(Optional.empty(), () -> "");
        }
        Optional<String> configuredName = Optional.ofNullable(settings.getString("dns.probe.name", null));
        DnsSettings.Builder dns = DnsSettings.builder().timeout(Duration.ofSeconds(3)).retries(0);
        CheckSenderAuthenticity.dnsServersOfJames(configurationProvider).forEach(dns::server);
        DnsjavaResolver resolver = new DnsjavaResolver(dns.build());
        return new DnsHealthCheck(Optional.of(resolver), () -> configuredName.orElseGet(() -> defaultDomain(domains)));
    }

    @ProvidesIntoSet
    HealthCheck spool(Provider<MailQueueFactory<? extends ManageableMailQueue>> queues, PropertiesProvider properties)
            throws ConfigurationException {
        Configuration settings = settings(properties);
        long maxSize = settings.getLong("queue.spool.max.size", 10_000L);
        Duration maxAge = DurationParser.parse(settings.getString("queue.spool.max.age", "1h"));
        return new MailQueueHealthCheck(new QueueStatistics(queues, MailQueueFactory.SPOOL), maxSize, maxAge,
            Clock.systemUTC());
    }

    private static String defaultDomain(DomainList domains) {
        try {
            return domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            return "localhost";
        }
    }

    private static Configuration settings(PropertiesProvider properties) throws ConfigurationException {
        try {
            return properties.getConfiguration(CONFIGURATION_FILE);
        } catch (FileNotFoundException e) {
            return new BaseHierarchicalConfiguration();
        }
    }
}
