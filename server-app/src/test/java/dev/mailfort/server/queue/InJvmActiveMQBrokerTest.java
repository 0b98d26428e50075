/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Guice;

/**
 * The in-JVM broker keeps the queue where James's broker kept it: an installation upgraded from James's
 * {@code EmbeddedActiveMQ} must still deliver the mail that was waiting in its queue.
 */
class InJvmActiveMQBrokerTest {
    private static final String QUEUE = "spool";
    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    @TempDir
    Path workingDirectory;

    private FileSystem fileSystem;

    @BeforeEach
    void setUp() {
        fileSystem = new FileSystemImpl(
            Configuration.builder().workingDirectory(workingDirectory.toFile()).build().directories());
    }

    @Test
    void messageQueuedByJamesEmbeddedBrokerIsReceivedFromTheInJvmBroker() throws Exception {
        EmbeddedActiveMQ jamesBroker = Guice.createInjector(binder -> {
            binder.bind(FileSystem.class).toInstance(fileSystem);
            binder.bind(PersistenceAdapter.class).toInstance(new KahaDBPersistenceAdapter());
        }).getInstance(EmbeddedActiveMQ.class);
        try {
            send(jamesBroker.getConnectionFactory(), "queued before the upgrade");
        } finally {
            jamesBroker.stop();
        }

        InJvmActiveMQBroker broker = new InJvmActiveMQBroker(fileSystem, new KahaDBPersistenceAdapter());
        try {
            assertThat(receive(broker.connectionFactory())).isEqualTo("queued before the upgrade");
        } finally {
            broker.stop();
        }
    }

    @Test
    void persistentMessageSurvivesAStopOfTheBroker() throws Exception {
        InJvmActiveMQBroker first = new InJvmActiveMQBroker(fileSystem, new KahaDBPersistenceAdapter());
        try {
            send(first.connectionFactory(), "queued before the stop");
        } finally {
            first.stop();
        }

        InJvmActiveMQBroker second = new InJvmActiveMQBroker(fileSystem, new KahaDBPersistenceAdapter());
        try {
            assertThat(receive(second.connectionFactory())).isEqualTo("queued before the stop");
        } finally {
            second.stop();
        }
        assertThat(workingDirectory.resolve("var/store/activemq/brokers/KahaDB")).isDirectoryContaining("glob:**/db.data");
    }

    private static void send(ConnectionFactory factory, String text) throws Exception {
        Connection connection = factory.createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        } finally {
            connection.close();
        }
    }

    private static String receive(ConnectionFactory factory) throws Exception {
        Connection connection = factory.createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
            assertThat(message).isInstanceOf(TextMessage.class);
            return ((TextMessage) message).getText();
        } finally {
            connection.close();
        }
    }
}
