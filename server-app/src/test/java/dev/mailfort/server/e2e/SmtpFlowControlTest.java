/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * SMTP flow control ({@code inFlowDelay}) on the real server: with a backlog threshold of 2, a burst from several
 * connections makes MAIL FROM wait for the pipeline, every message is still accepted and delivered, and the spool
 * backlog the gate reads goes back to 0 once the pipeline has finished, which proves the spool counts mail both in
 * and out (a count that only grew would hold every later transaction for the full delay).
 */
class SmtpFlowControlTest {
    private static final String DOMAIN = "example.org";
    private static final int CONNECTIONS = 4;
    private static final int MESSAGES_PER_CONNECTION = 5;

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(conf -> conf.setInFlowBacklog(2));

    private static MailUser bob;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        bob = MailUser.create(server, "bob", DOMAIN);
    }

    @Test
    void aBurstWaitsForThePipelineAndEveryMessageIsDelivered() throws Exception {
        double delayedBefore = metric("mailfort_smtp_inflow_delayed_transactions");
        InternetSender internet = new InternetSender(server);
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int connection = 0; connection < CONNECTIONS; connection++) {
                int client = connection;
                sent.add(clients.submit(() -> {
                    for (int i = 0; i < MESSAGES_PER_CONNECTION; i++) {
                        InboundMessage message = InboundMessage.from("Carol", "carol@sender.example").to(bob)
                            .subject("Figures " + client + "-" + i).body("The figures for week " + i + ".\n").build();
                        internet.send(message.envelopeSender(), bob.address(), message.text());
                    }
                }));
            }
            for (Future<?> result : sent) {
                result.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }

        MailboxCounts.awaitMessageCount(server, bob, "INBOX", CONNECTIONS * MESSAGES_PER_CONNECTION);
        assertThat(metric("mailfort_smtp_inflow_delayed_transactions")).isGreaterThan(delayedBefore);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> metric("mailfort_spool_backlog") == 0.0);
        assertThat(metric("mailfort_smtp_inflow_waiting")).isZero();
    }

    private static double metric(String name) {
        Map<String, Double> values = server.webAdmin().metrics();
        assertThat(values).containsKey(name);
        return values.get(name);
    }
}
