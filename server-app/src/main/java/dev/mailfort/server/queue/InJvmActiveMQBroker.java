/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import java.io.File;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.FileSystemBlobTransferPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ActiveMQ broker that holds the mail queues, reachable only from inside this JVM ({@code vm://james}).
 *
 * <p>James's own {@code EmbeddedActiveMQ} also opens an OpenWire transport connector on a random loopback port,
 * with no authentication: any local account or any process of the container could connect to it and read, delete
 * or inject queued mail, and nothing uses it. This broker is the same in every other respect — name, broker id,
 * KahaDB and data directories, blob transfer directory, prefetch — so that the queue of an installation that ran
 * James's broker is found and delivered after the upgrade.
 *
 * <p>Started when Guice creates it (the queue factory opens its JMS sessions while it is being provisioned), stopped
 * by James's {@code @PreDestroy} stage after the queues that use it, since it was created before them.
 */
public class InJvmActiveMQBroker {
    private static final Logger LOGGER = LoggerFactory.getLogger(InJvmActiveMQBroker.class);

    /** The names James's broker used: they are in the KahaDB journal and in the vm:// address. */
    private static final String BROKER_NAME = "james";
    private static final String BROKER_ID = "broker";
    private static final String KAHADB_DIRECTORY = "file://var/store/activemq/brokers/KahaDB";
    private static final String BROKER_DATA_DIRECTORY = "file://var/store/activemq/brokers";
    private static final String BLOB_TRANSFER_DIRECTORY = "file://var/store/activemq/blob-transfer";
    /** {@code create=false}: a client must never start a second, empty broker of the same name by mistake. */
    private static final String IN_JVM_ADDRESS = "vm://" + BROKER_NAME + "?create=false";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    /**
     * @param fileSystem James's file system: resolves the {@code file://var/...} locations against the working
     *                   directory, as James's broker did
     * @param persistence the message store bound by the queue module (KahaDB); its directory is set here
     */
    @Inject
    public InJvmActiveMQBroker(FileSystem fileSystem, PersistenceAdapter persistence) {
        try {
            persistence.setDirectory(fileSystem.getFile(KAHADB_DIRECTORY));
            this.broker = withoutNetworkConnectors(fileSystem.getFile(BROKER_DATA_DIRECTORY), persistence);
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("The mail queue broker did not start", e);
        }
        this.connectionFactory = inJvmConnectionFactory(fileSystem);
        LOGGER.info("Mail queue broker '{}' started, reachable only inside this JVM at {}", BROKER_NAME, IN_JVM_ADDRESS);
    }

    /** JMS connections to this broker, for the mail queues, their metrics and the health check. */
    public ActiveMQConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
        LOGGER.info("Mail queue broker '{}' stopped", BROKER_NAME);
    }

    private static BrokerService withoutNetworkConnectors(File dataDirectory, PersistenceAdapter persistence)
        throws Exception {
        BrokerService service = new BrokerService();
        service.setBrokerName(BROKER_NAME);
        service.setBrokerId(BROKER_ID);
        service.setPersistent(true);
        service.setPersistenceAdapter(persistence);
        service.setDataDirectoryFile(dataDirectory);
        // Deliberately no transport connector: the vm:// transport needs none, and each one is a network listener.
        service.setUseJmx(false);
        ManagementContext noRemoteJmx = new ManagementContext();
        noRemoteJmx.setCreateConnector(false);
        service.setManagementContext(noRemoteJmx);
        service.setSchedulerSupport(false);
        // James stops the broker in its shutdown stage, after the queues; a hook of ActiveMQ's own could stop it first.
        service.setUseShutdownHook(false);
        service.setEnableStatistics(true);
        service.setPlugins(new BrokerPlugin[] {new StatisticsBrokerPlugin()});
        return service;
    }

    private static ActiveMQConnectionFactory inJvmConnectionFactory(FileSystem fileSystem) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(IN_JVM_ADDRESS);
        factory.setTrustAllPackages(false);
        factory.setBlobTransferPolicy(blobTransfer(fileSystem));
        factory.setPrefetchPolicy(noPrefetch());
        return factory;
    }

    /**
     * Large mails travel as blobs written under the working directory; James's policy class resolves its upload
     * location through the file system.
     */
    private static FileSystemBlobTransferPolicy blobTransfer(FileSystem fileSystem) {
        FileSystemBlobTransferPolicy policy = new FileSystemBlobTransferPolicy();
        policy.setFileSystem(fileSystem);
        policy.setDefaultUploadUrl(BLOB_TRANSFER_DIRECTORY);
        return policy;
    }

    /**
     * Each consumer takes one message at a time: a prefetched mail would sit in one spooler thread's buffer while
     * the others are idle, and would be redelivered only when that consumer closes.
     */
    private static ActiveMQPrefetchPolicy noPrefetch() {
        ActiveMQPrefetchPolicy policy = new ActiveMQPrefetchPolicy();
        policy.setQueuePrefetch(0);
        policy.setTopicPrefetch(0);
        return policy;
    }
}
