/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

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

/**
 * The outgoing queues survive a restart: mail accepted (250) and waiting for a retry when the server stops is
 * delivered after it starts again. This class restarts the server once, which is the point of the test.
 */
class OutboundQueueDurabilityTest {
    private static final String DOMAIN = "example.com";
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private static final SmtpSink SMARTHOST = SmtpSink.start();
    private static final SmtpSink ANYWHERE_ELSE = SmtpSink.start();

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension().withConf(OutboundQueueDurabilityTest::routes);

    private static MailUser alice;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        alice = MailUser.create(server, "alice", DOMAIN);
    }

    @AfterAll
    static void stopPeers() {
        SMARTHOST.close();
        ANYWHERE_ELSE.close();
    }

    @Test
    void mailWaitingForARetryIsDeliveredAfterARestart() throws Exception {
        String subject = "Across a restart " + UUID.randomUUID();
        SMARTHOST.answerServiceUnavailable();
        Submission.send(server, alice, List.of("dan@partner.example"), subject);
        await().atMost(DELIVERY).until(SMARTHOST::unavailableAnswers, attempts -> attempts >= 1);

        server.restart();
        SMARTHOST.comeBack();

        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(300))
            .until(() -> SMARTHOST.receivedFor("dan@partner.example").stream().anyMatch(mail -> mail.text().contains(subject)));
    }

    private static void routes(TestWorkingDirectory directory) {
        RoutingConf.transportMap(directory,
            "partner.example    relay:[127.0.0.1]:" + SMARTHOST.port(),
            "*                  relay:[127.0.0.1]:" + ANYWHERE_ELSE.port());
        // Long enough for the retry to be still waiting when the server stops, short enough for the test.
        RoutingConf.retries(directory, "10*5 seconds", 10);
    }
}
