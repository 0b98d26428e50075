/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import javax.mail.internet.MimeMessage;

import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

/** The queue reads its mail through a buffer, and what comes out of it is still exactly what went in. */
class BufferedBlobMailQueueTest {
    @TempDir
    Path workingDirectory;

    private InJvmActiveMQBroker broker;
    private BufferedBlobMailQueue queue;

    @BeforeEach
    void setUp() {
        broker = new InJvmActiveMQBroker(new FileSystemImpl(
            Configuration.builder().workingDirectory(workingDirectory.toFile()).build().directories()),
            new KahaDBPersistenceAdapter());
        queue = new BufferedBlobMailQueue(broker.connectionFactory(), new RawMailQueueItemDecoratorFactory(),
            MailQueueName.of("outgoing"), new RecordingMetricFactory(), new NoopGaugeRegistry());
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
        broker.stop();
    }

    @Test
    void aMailComesOutOfTheQueueWithItsEnvelopeHeadersAndBodyIntact() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder()
            .addHeader("Received", "from relay.sender.example by mx.example.com")
            .addFrom("someone@sender.example")
            .addToRecipient("user@example.com")
            .setSubject("queued")
            .setText("a body\r\nof two lines\r\n")
            .build();
        queue.enQueue(MailImpl.builder()
            .name("queued-mail")
            .sender("someone@sender.example")
            .addRecipient("user@example.com")
            .mimeMessage(message)
            .build());

        MailQueue.MailQueueItem item = Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(30));
        Mail mail = item.getMail();

        assertThat(mail.getName()).isEqualTo("queued-mail");
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("user@example.com"));
        assertThat(mail.getMessage().getHeader("Received")).containsExactly("from relay.sender.example by mx.example.com");
        assertThat(mail.getMessage().getSubject()).isEqualTo("queued");
        assertThat(bytesOf(mail.getMessage())).isEqualTo(bytesOf(message));
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
    }

    @Test
    void everyQueueOfTheServerReadsThroughTheBuffer() {
        InJvmBrokerMailQueueFactory factory = new InJvmBrokerMailQueueFactory(broker.connectionFactory(),
            new RawMailQueueItemDecoratorFactory(), new RecordingMetricFactory(), new NoopGaugeRegistry(),
            new ActiveMQMetricCollectorNoop(), new SpoolBacklog());
        factory.setUseJMX(false);

        try {
            assertThat(factory.createQueue(MailQueueFactory.SPOOL)).isInstanceOf(CountedSpoolQueue.class);
            assertThat(factory.createQueue(MailQueueName.of("outgoing"))).isInstanceOf(BufferedBlobMailQueue.class);
        } finally {
            factory.destroy();
        }
    }

    private static String bytesOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
