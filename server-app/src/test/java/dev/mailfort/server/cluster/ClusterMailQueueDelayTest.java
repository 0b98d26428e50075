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

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.RoutingConf;
import dev.mailfort.server.e2e.support.SmtpSink;
import dev.mailfort.server.e2e.support.Submission;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;
import dev.mailfort.testing.rabbitmq.SharedRabbitMQ;

/**
 * A cluster node's outgoing mail waits between delivery attempts. James's RabbitMQ queue would retry at once (it
 * ignores delays), so a server that refused for a minute would see all attempts within a second and the mail bounce.
 */
class ClusterMailQueueDelayTest {
    private static final String DOMAIN = "example.com";
    private static final Duration RETRY_DELAY = Duration.ofSeconds(6);
    private static final SmtpSink PARTNER = SmtpSink.start();

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(ClusterMailQueueDelayTest::configure);

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
    void aRefusedDeliveryIsRetriedAfterTheDelayNotAtOnce() {
        String subject = "Retried later " + UUID.randomUUID();
        PARTNER.answerServiceUnavailable();
        Submission.send(server, alice, List.of("dan@partner.example"), subject);
        await().atMost(Duration.ofSeconds(60)).until(PARTNER::unavailableAnswers, attempts -> attempts >= 1);
        long firstRefusal = System.nanoTime();

        await().during(RETRY_DELAY.minusSeconds(2)).atMost(RETRY_DELAY.minusSeconds(1))
            .until(PARTNER::unavailableAnswers, attempts -> attempts == 1);
        PARTNER.comeBack();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> PARTNER.receivedFor("dan@partner.example").stream().anyMatch(mail -> mail.text().contains(subject)));
        assertThat(Duration.ofNanos(System.nanoTime() - firstRefusal)).isGreaterThanOrEqualTo(RETRY_DELAY.minusSeconds(1));
    }

    private static void configure(TestWorkingDirectory directory) {
        ClusterConf.joinCluster(directory, RabbitMQVhost.create(SharedRabbitMQ.get(), "delay"));
        RoutingConf.transportMap(directory, "*    relay:[127.0.0.1]:" + PARTNER.port());
        RoutingConf.retries(directory, "5*" + RETRY_DELAY.toSeconds() + " seconds", 5);
    }
}
