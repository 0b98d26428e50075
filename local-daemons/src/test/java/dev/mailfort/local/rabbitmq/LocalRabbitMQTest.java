/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

/**
 * Needs Debian's rabbitmq-server. One broker for the class (a start costs about 12 s here); the tests run in order
 * because each one leaves the broker running for the next, and the last one closes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRabbitMQTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private LocalRabbitMQ rabbitMQ;
    private final List<ProcessHandle> seenProcesses = new ArrayList<>();

    @BeforeAll
    void startBroker() {
        rabbitMQ = LocalRabbitMQ.in(directory.resolve("rabbitmq"));
        timed("first start", rabbitMQ::start);
        seenProcesses.addAll(rabbitMQ.processes());
    }

    @AfterAll
    void closeBroker() {
        if (rabbitMQ != null) {
            rabbitMQ.close();
        }
    }

    @Test
    @Order(1)
    void listensOnLoopbackOnlyWithAPrivateCookie() throws IOException {
        assertThat(rabbitMQ.isRunning()).isTrue();
        assertThat(rabbitMQ.amqpUri().toString()).startsWith("amqp://127.0.0.1:");
        assertThat(rabbitMQ.managementUri().toString()).startsWith("http://127.0.0.1:");
        assertThat(rabbitMQ.nodeName()).matches("mf[0-9a-f]{12}@localhost");
        assertThat(Files.readAllLines(rabbitMQ.directory().resolve("rabbitmq.conf")))
            .contains("listeners.tcp.1 = 127.0.0.1:" + rabbitMQ.ports().amqp(), "management.tcp.ip = 127.0.0.1");
        Path cookie = rabbitMQ.directory().resolve("home").resolve(".erlang.cookie");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie))).isEqualTo("rw-------");
        // Our epmd, the launcher and its Erlang VM are all children of this JVM.
        assertThat(seenProcesses).anyMatch(p -> command(p).endsWith("epmd"))
            .anyMatch(p -> command(p).contains("beam"));
    }

    @Test
    @Order(2)
    void takesPersistentMessagesWithConfirmsAndListsTheQueueInTheManagementApi() throws Exception {
        publishPersistent("mf-test-restart", "kept across a restart");
        // The queue of the kill test is declared here, long before the kill: the broker writes queue definitions to
        // its database lazily, and one declared an instant before a kill -9 is lost with the unwritten buffer (the
        // kill test then found "no queue"). What that test checks is the confirmed message, not the declaration.
        declareDurable("mf-test-kill");

        HttpResponse<String> queues = managementGet("/api/queues/%2F");
        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(queues.body()).contains("\"name\":\"mf-test-restart\"").contains("\"durable\":true");
    }

    @Test
    @Order(3)
    void persistentMessagesSurviveAStopAndComeBackOnTheSamePorts() throws Exception {
        RabbitMQPorts ports = rabbitMQ.ports();

        timed("stop", rabbitMQ::stop);
        assertThat(rabbitMQ.isRunning()).isFalse();
        assertThat(BrokerProbe.acceptsConnections(LocalRabbitMQ.HOST, ports.amqp())).isFalse();
        assertThat(BrokerProbe.acceptsConnections(LocalRabbitMQ.HOST, ports.epmd())).isFalse();
        timed("restart after stop", rabbitMQ::start);
        seenProcesses.addAll(rabbitMQ.processes());

        assertThat(rabbitMQ.ports()).isEqualTo(ports);
        assertThat(get("mf-test-restart")).isEqualTo("kept across a restart");
    }

    @Test
    @Order(4)
    void confirmedMessagesSurviveAKillAndTheBrokerStartsAgain() throws Exception {
        publishPersistent("mf-test-kill", "kept across a crash");

        timed("kill", rabbitMQ::kill);
        assertThat(rabbitMQ.isRunning()).isFalse();
        timed("restart after kill", rabbitMQ::start);
        seenProcesses.addAll(rabbitMQ.processes());

        assertThat(get("mf-test-kill")).isEqualTo("kept across a crash");
    }

    @Test
    @Order(5)
    void leavesNoProcessBehindOnceClosed() {
        assertThat(seenProcesses).isNotEmpty();

        timed("close", rabbitMQ::close);

        assertThat(seenProcesses).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants())
            .noneMatch(p -> command(p).contains("epmd") || command(p).contains("beam"));
        assertThat(rabbitMQ.processes()).isEmpty();
    }

    private void publishPersistent(String queue, String body) throws IOException, TimeoutException,
        InterruptedException {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN,
                body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private void declareDurable(String queue) throws IOException, TimeoutException {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
        }
    }

    private String get(String queue) throws IOException, TimeoutException {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            GetResponse response = channel.basicGet(queue, true);
            assertThat(response).as("a message in " + queue).isNotNull();
            return new String(response.getBody(), StandardCharsets.UTF_8);
        }
    }

    private Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(rabbitMQ.amqpUri());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        factory.setUsername(rabbitMQ.user());
        factory.setPassword(rabbitMQ.password());
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("LocalRabbitMQTest");
    }

    private HttpResponse<String> managementGet(String path) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(
            (rabbitMQ.user() + ":" + rabbitMQ.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(rabbitMQ.managementUri() + path))
            .header("Authorization", "Basic " + credentials)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("");
    }

    private static void timed(String what, Runnable action) {
        long started = System.nanoTime();
        action.run();
        System.out.println("LocalRabbitMQTest: " + what + " took " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
