/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.mailfort.server.queue.SpoolBacklog;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;
import dev.mailfort.testing.rabbitmq.SharedRabbitMQ;
import reactor.core.publisher.Mono;

/** The shared spool's waiting mails, read from a real broker, for SMTP flow control in a cluster. */
class SharedSpoolSamplerTest {
    private static Connection withSpool;
    private static Connection withoutSpool;

    @BeforeAll
    static void connect() throws Exception {
        withSpool = connect(RabbitMQVhost.create(SharedRabbitMQ.get(), "spool-sampler"));
        withoutSpool = connect(RabbitMQVhost.create(SharedRabbitMQ.get(), "no-spool"));
    }

    @AfterAll
    static void disconnect() throws Exception {
        for (Connection connection : new Connection[] {withSpool, withoutSpool}) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    @Test
    void theBacklogIsTheSharedQueuesWaitingMailsPlusThoseThisNodeIsProcessing() throws Exception {
        try (Channel channel = withSpool.createChannel()) {
            channel.queueDeclare(SharedSpoolSampler.SPOOL_WORK_QUEUE, true, false, false, null);
            channel.confirmSelect();
            for (int i = 0; i < 3; i++) {
                channel.basicPublish("", SharedSpoolSampler.SPOOL_WORK_QUEUE, null,
                    ("reference " + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
        }
        SpoolBacklog backlog = new SpoolBacklog();
        SharedSpoolSampler sampler = new SharedSpoolSampler(Mono.just(withSpool), backlog);
        try {
            backlog.added();

            sampler.sample();

            assertThat(backlog.size()).isEqualTo(4);
        } finally {
            sampler.stop();
        }
    }

    @Test
    void aQueueThatCannotBeReadCountsAsEmptySoThatIntakeNeverStopsOnIt() {
        SpoolBacklog backlog = new SpoolBacklog();
        backlog.waitingInSharedQueue(500);
        SharedSpoolSampler sampler = new SharedSpoolSampler(Mono.just(withoutSpool), backlog);
        try {
            sampler.sample();

            assertThat(backlog.size()).isZero();
        } finally {
            sampler.stop();
        }
    }

    private static Connection connect(RabbitMQVhost vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(vhost.amqpUri());
        factory.setUsername(vhost.broker().user());
        factory.setPassword(vhost.broker().password());
        return factory.newConnection();
    }
}
