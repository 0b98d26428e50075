/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.RoutingConf;
import dev.mailfort.server.e2e.support.SmtpSink;
import dev.mailfort.server.e2e.support.Submission;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;
import dev.mailfort.testing.rabbitmq.SharedRabbitMQ;

/**
 * Mail that a queue's consumer rejected (James sends it to the queue's dead-letter queue, e.g. when the spooler could
 * neither process nor requeue it while Cassandra was away) goes back into its queue by itself.
 *
 * <p>The rejection is staged through the management API: a real reference, taken from where RemoteDelivery parked it
 * for a retry, is put into the outgoing queue's dead letters, as James's consumer would have.
 */
class ClusterDeadLetterRedeliveryTest {
    private static final String DOMAIN = "example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SmtpSink PARTNER = SmtpSink.start();
    private static final RabbitMQVhost VHOST = RabbitMQVhost.create(SharedRabbitMQ.get(), "deadletters");
    private static final String OUTGOING_DEAD_LETTERS = "JamesMailQueue-dead-letter-queue-outgoing";
    private static final String PARKED_PREFIX = "mailfort-delayed-JamesMailQueue-exchange-";
    private static final String HOUR_SUFFIX = "-3600000ms";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(ClusterDeadLetterRedeliveryTest::configure);

    private static MailUser alice;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        alice = MailUser.create(server, "alice", DOMAIN);
    }

    @AfterAll
    static void stopPartner() {
        PARTNER.close();
    }

    @Test
    void rejectedMailGoesBackIntoItsQueueAndIsDelivered() throws Exception {
        String subject = "Dead-lettered then delivered " + UUID.randomUUID();
        PARTNER.answerServiceUnavailable();
        Submission.send(server, alice, List.of("erin@partner.example"), subject);
        await().atMost(Duration.ofSeconds(60)).until(PARTNER::unavailableAnswers, attempts -> attempts >= 1);
        // RemoteDelivery parked the mail for its one-hour retry delay, from its queue for the partner's relay
        // (outgoing-<host>-<port>-...); take the reference out of the parking queue.
        String parking = await().atMost(Duration.ofSeconds(30))
            .until(ClusterDeadLetterRedeliveryTest::hourParkingQueue, name -> name != null);
        String queue = parking.substring(PARKED_PREFIX.length(), parking.length() - HOUR_SUFFIX.length());
        JsonNode reference = await().atMost(Duration.ofSeconds(30)).until(() -> takeOne(parking), json -> json != null);
        PARTNER.comeBack();

        deadLetter(queue, reference);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> PARTNER.receivedFor("erin@partner.example").stream().anyMatch(mail -> mail.text().contains(subject)));
        assertThat(messagesIn("JamesMailQueue-dead-letter-queue-" + queue)).isZero();
        // James's check of the dead-letter queues still works next to the redelivery (it cannot read a queue with a
        // consumer); it reads RabbitMQ's statistics, which lag by a few seconds.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> server.webAdmin().get("/healthcheck/checks/RabbitMQMailQueueDeadLetterQueueHealthCheck").body(),
                body -> body.contains("\"status\":\"healthy\""));
    }

    @Test
    void aReferenceWhoseContentIsGoneIsDroppedNotCycled() throws Exception {
        ObjectNode reference = JSON.createObjectNode()
            .put("enqueueId", UUID.randomUUID().toString())
            .put("name", "gone-" + UUID.randomUUID())
            .put("headerBlobId", UUID.randomUUID().toString())
            .put("bodyBlobId", UUID.randomUUID().toString());
        ObjectNode message = JSON.createObjectNode();
        message.set("properties", JSON.createObjectNode().put("delivery_mode", 2));
        message.put("payload", JSON.writeValueAsString(reference));

        deadLetter("outgoing", message);

        // Dropped rather than put back: nothing waits in the dead letters, and no redelivery was ever parked.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> messagesIn(OUTGOING_DEAD_LETTERS) == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
            .until(() -> !exists(DelayedPublicationSender.parkingQueue("JamesMailQueue-exchange-outgoing", Duration.ofSeconds(2)))
                && messagesIn(OUTGOING_DEAD_LETTERS) == 0);
    }

    /** Publishes a message, as the management API returned it, to the dead-letter exchange of {@code queue}. */
    private static void deadLetter(String queue, JsonNode message) throws Exception {
        ObjectNode publication = JSON.createObjectNode();
        publication.set("properties", message.path("properties"));
        publication.put("routing_key", "");
        publication.put("payload", message.path("payload").asText());
        publication.put("payload_encoding", "string");
        JsonNode result = JSON.readTree(VHOST.managementPost("/api/exchanges/" + VHOST.encodedName()
            + "/JamesMailQueue-dead-letter-exchange-" + queue + "/publish", JSON.writeValueAsString(publication)));
        assertThat(result.path("routed").asBoolean()).as("published into the dead letters").isTrue();
    }

    private static String hourParkingQueue() throws Exception {
        JsonNode queues = JSON.readTree(VHOST.managementGet("/api/queues/" + VHOST.encodedName() + "?columns=name"));
        for (JsonNode known : queues) {
            String name = known.path("name").asText();
            if (name.startsWith(PARKED_PREFIX + "outgoing") && name.endsWith(HOUR_SUFFIX)) {
                return name;
            }
        }
        return null;
    }

    private static JsonNode takeOne(String queue) throws Exception {
        if (!exists(queue)) {
            return null;
        }
        JsonNode taken = JSON.readTree(VHOST.managementPost("/api/queues/" + VHOST.encodedName() + "/" + queue + "/get",
            "{\"count\":1,\"ackmode\":\"ack_requeue_false\",\"encoding\":\"auto\"}"));
        return taken.size() == 0 ? null : taken.get(0);
    }

    private static boolean exists(String queue) throws Exception {
        JsonNode queues = JSON.readTree(VHOST.managementGet("/api/queues/" + VHOST.encodedName() + "?columns=name"));
        for (JsonNode known : queues) {
            if (known.path("name").asText().equals(queue)) {
                return true;
            }
        }
        return false;
    }

    /** The messages ready in {@code queue}, from the broker itself: the management API's statistics lag. */
    private static long messagesIn(String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(VHOST.amqpUri());
        factory.setUsername(VHOST.broker().user());
        factory.setPassword(VHOST.broker().password());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static void configure(TestWorkingDirectory directory) {
        ClusterConf.joinCluster(directory, VHOST);
        directory.replaceConf("rabbitmq.properties", directory.readConf("rabbitmq.properties")
            + RabbitMQMailQueueModule.DEAD_LETTER_REDELIVERY_DELAY + "=2s\n");
        RoutingConf.transportMap(directory, "*    relay:[127.0.0.1]:" + PARTNER.port());
        RoutingConf.retries(directory, "5*1 hours", 5);
    }
}
