/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

import dev.mailfort.allowlist.ReleaseAndAllowSender;
import dev.mailfort.allowlist.SenderAllowList;
import dev.mailfort.protocols.abuse.AuthFailureTracker;
import dev.mailfort.webadmin.quarantine.QuarantineService;

/**
 * The admin console ({@code conf/console.properties}): a web UI on its own port for the quarantine, users, domains,
 * aliases, mail queues and health. Needs the quarantine and sender allow-list modules, the failed-login limits and a mail
 * queue factory; it starts listening once James has started and stops with it.
 */
public class ConsoleModule extends AbstractModule {
    static final String CONFIGURATION_FILE = "console";

    @Override
    protected void configure() {
        bind(ConsoleServer.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    ConsoleSettings settings(PropertiesProvider properties, JamesDirectoriesProvider directories)
            throws ConfigurationException {
        Configuration configuration;
        try {
            configuration = properties.getConfiguration(CONFIGURATION_FILE);
        } catch (FileNotFoundException e) {
            configuration = new BaseHierarchicalConfiguration();
        }
        return ConsoleSettings.from(configuration, Path.of(directories.getRootDirectory()), System.getenv());
    }

    @Provides
    @Singleton
    ConsoleHttpHandler handler(ConsoleSettings settings, QuarantineService quarantine,
                         ReleaseAndAllowSender releaseAndAllow, SenderAllowList allowList, UsersRepository users,
                         DomainList domains, RecipientRewriteTable aliases,
                         Provider<MailQueueFactory<? extends ManageableMailQueue>> queues,
                         Set<HealthCheck> healthChecks, AuthFailureTracker failures) throws IOException {
        SecureRandom random = new SecureRandom();
        AuditLog audit = new AuditLog();
        ConsoleRoutes routes = new ConsoleRoutes();
        List.of(new QuarantinePages(quarantine, releaseAndAllow, audit), new AllowListPages(allowList, audit),
                new UserPages(users, audit), new DomainPages(domains, audit),
                new AliasPages(aliases, audit), new QueuePages(queues::get, audit), new HealthPage(healthChecks))
            .forEach(section -> section.addTo(routes));
        String token = settings.enabled() ? AdminTokenFile.readOrCreate(settings.tokenFile(), random) : "";
        ConsoleLogin login = new ConsoleLogin(token, settings.admins(), users, failures);
        SessionStore sessions = new SessionStore(settings.idleTimeout(), Clock.systemUTC(), random);
        return new ConsoleHttpHandler(routes, sessions, login, audit, settings.tls());
    }

    @ProvidesIntoSet
    InitializationOperation startConsole(ConsoleServer server) {
        return InitilizationOperationBuilder.forClass(ConsoleServer.class).init(server::start);
    }
}
