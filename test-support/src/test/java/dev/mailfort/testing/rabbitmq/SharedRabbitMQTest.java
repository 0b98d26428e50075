/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import dev.mailfort.local.rabbitmq.LocalRabbitMQ;

/** Needs Debian's rabbitmq-server. */
class SharedRabbitMQTest {
    @Test
    void oneRunningBrokerPerJvmOnLoopback() throws IOException {
        LocalRabbitMQ first = SharedRabbitMQ.get();
        LocalRabbitMQ second = SharedRabbitMQ.get();

        assertThat(second).isSameAs(first);
        assertThat(first.isRunning()).isTrue();
        assertThat(first.amqpUri().getHost()).isEqualTo("127.0.0.1");
        try (Socket amqp = new Socket(first.host(), first.ports().amqp())) {
            assertThat(amqp.isConnected()).isTrue();
        }
    }
}
