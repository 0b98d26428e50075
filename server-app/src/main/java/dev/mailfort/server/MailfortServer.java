/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import java.nio.file.Path;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.modules.BlobExportMechanismModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ManageSieveServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DKIMMailetModule;
import org.apache.james.modules.server.DLPRoutesModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.MailboxesExportRoutesModule;
import org.apache.james.modules.server.MessagesRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.VacationRoutesModule;
import org.apache.james.modules.server.WebAdminReIndexingTaskSerializationModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.webadmin.service.MailRepositoryStoreService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;

import dev.mailfort.allowlist.SenderAllowListModule;
import dev.mailfort.console.ConsoleModule;
import dev.mailfort.protocols.abuse.AuthFailureLimitsModule;
import dev.mailfort.protocols.imap.ImapProtocolFixesModule;
import dev.mailfort.protocols.imap.JunkFolderIsSpecialUse;
import dev.mailfort.protocols.managesieve.ManageSieveAuthOverTlsOnlyModule;
import dev.mailfort.protocols.pop3.Pop3ProtocolFixesModule;
import dev.mailfort.protocols.smtp.SmtpProtocolFixesModule;
import dev.mailfort.server.cassandra.CassandraBlobStoreModule;
import dev.mailfort.server.cassandra.CassandraEventSourcingModule;
import dev.mailfort.server.cassandra.CassandraMailRepositoryModule;
import dev.mailfort.server.cassandra.CassandraMailboxStorageModule;
import dev.mailfort.server.cassandra.CassandraSessionModule;
import dev.mailfort.server.cassandra.CassandraSieveModule;
import dev.mailfort.server.cassandra.CassandraUsersAndDomainsModule;
import dev.mailfort.server.cassandra.CassandraVacationModule;
import dev.mailfort.server.cluster.ClusterMode;
import dev.mailfort.server.cluster.RabbitMQConnectionModule;
import dev.mailfort.server.cluster.RabbitMQEventBusModule;
import dev.mailfort.server.cluster.RabbitMQMailQueueModule;
import dev.mailfort.server.health.ScannerHealthChecksModule;
import dev.mailfort.server.monitoring.MonitoringModule;
import dev.mailfort.server.queue.DurableMailQueueModule;
import dev.mailfort.server.search.ScanningSearchModule;
import dev.mailfort.tls.TlsBootstrap;
import dev.mailfort.tls.TlsSetupException;
import dev.mailfort.webadmin.quarantine.QuarantineRoutesModule;
import dev.mailfort.webadmin.repositories.DisposingMailRepositoryStoreService;

/**
 * The Mailfort server: James's protocol servers and mailet container on Cassandra storage, assembled with Guice.
 *
 * <p>Production, the local run and the integration tests all build the server through {@link #create}, so what is
 * tested is what runs.
 */
public final class MailfortServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailfortServer.class);

    static final Module STORAGE = Modules.combine(
        new CassandraSessionModule(),
        new CassandraMailboxStorageModule(),
        new CassandraUsersAndDomainsModule(),
        new CassandraEventSourcingModule(),
        new CassandraSieveModule(),
        new CassandraVacationModule(),
        new CassandraBlobStoreModule(),
        new CassandraMailRepositoryModule(),
        new ScanningSearchModule());

    /** One server alone: the mail queue in an embedded broker on local disk, mailbox events within the JVM. */
    static final Module SINGLE_NODE = new DurableMailQueueModule();

    /** One node of a cluster (conf/rabbitmq.properties): queue and mailbox events shared through RabbitMQ. */
    static final Module CLUSTER_NODE = Modules.combine(
        new RabbitMQConnectionModule(),
        new RabbitMQMailQueueModule());

    static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        // Failed logins slowed down, then refused, per client address, on SMTP, IMAP and POP3 (conf/abuse.properties).
        new AuthFailureLimitsModule(),
        Modules.override(new SMTPServerModule()).with(new SmtpProtocolFixesModule()),
        new LMTPServerModule(),
        Modules.override(new IMAPServerModule())
            .with(binder -> binder.bind(MailboxTyper.class).to(JunkFolderIsSpecialUse.class).in(Scopes.SINGLETON),
                new ImapProtocolFixesModule()),
        // Connections over the limits answered "-ERR [SYS/TEMP]" instead of a silent close.
        Modules.override(new POP3ServerModule()).with(new Pop3ProtocolFixesModule()),
        // AUTHENTICATE only after STARTTLS (James 3.8.1 accepts it in clear text).
        Modules.override(new ManageSieveServerModule()).with(new ManageSieveAuthOverTlsOnlyModule()),
        // A stop closes all listeners at once (see stop below).
        binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(ProtocolListeners.class));

    static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        // JMAP is off: WebAdmin must not fall back to JMAP's token settings.
        new NoJwtModule(),
        new DataRoutesModules(),
        new MailboxRoutesModule(),
        new MessagesRoutesModule(),
        new MailboxesExportRoutesModule(),
        new InconsistencyQuotasSolvingRoutesModule(),
        new WebAdminReIndexingTaskSerializationModule(),
        new MailQueueRoutesModule(),
        // James's mail repository routes, with the mail that a view reads disposed of (James 3.8.1 leaks a temp file).
        Modules.override(new MailRepositoriesRoutesModule()).with(binder -> binder.bind(MailRepositoryStoreService.class)
            .to(DisposingMailRepositoryStoreService.class)),
        // Needs MailRepositoriesRoutesModule: a release goes through James's ReprocessingService.
        new QuarantineRoutesModule(),
        // The sender allow list (a Cassandra table of ours), release-and-allow, and its /allowlist routes.
        new SenderAllowListModule(),
        // The admin console (conf/console.properties); uses the quarantine service above.
        new ConsoleModule(),
        new ScannerHealthChecksModule(),
        new MonitoringModule(),
        new SieveRoutesModule(),
        new VacationRoutesModule(),
        new DLPRoutesModule());

    static final Module CORE = Modules.combine(
        new MailetProcessingModule(),
        new RequireMailetPipelineModule(),
        new TaskManagerModule(),
        new MailboxModule(),
        new DKIMMailetModule(),
        new BlobExportMechanismModule());

    private MailfortServer() {
    }

    /**
     * Builds the server for a working directory. Prepares the TLS keystore first (generating a self-signed one on
     * first start), because the protocol servers' XML refers to it through system properties.
     */
    public static GuiceJamesServer create(Configuration configuration) throws TlsSetupException {
        TlsBootstrap.prepare(Path.of(configuration.directories().getRootDirectory()));
        if (ClusterMode.isClustered(configuration)) {
            LOGGER.info("conf/rabbitmq.properties found: starting as a cluster node");
            return GuiceJamesServer.forConfiguration(configuration)
                .combineWith(CORE, STORAGE, CLUSTER_NODE, PROTOCOLS, WEBADMIN)
                .overrideWith(new RabbitMQEventBusModule());
        }
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(CORE, STORAGE, SINGLE_NODE, PROTOCOLS, WEBADMIN);
    }

    /**
     * Stops the server: every protocol listener at once ({@link ProtocolListeners}), then the rest as James does
     * (spooler, queue, storage). Every caller stops the server through here.
     */
    public static void stop(GuiceJamesServer server) {
        if (server.isStarted()) {
            server.getProbe(ProtocolListeners.class).closeTogether();
        }
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        CommonPoolSizing.atLeastTwoThreads();
        long begin = System.nanoTime();
        ExtraProperties.initialize();
        Configuration configuration = Configuration.builder().useWorkingDirectoryEnvProperty().build();
        LOGGER.info("Starting Mailfort from {}", configuration.directories().getRootDirectory());
        GuiceJamesServer server = create(configuration);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "mailfort-stop"));
        LOGGER.info("Mailfort is ready, {} ms after start", (System.nanoTime() - begin) / 1_000_000);
    }
}
