/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import javax.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RequeueAfterBackendOutageTest {
    private final RecordingMailQueues<Queued> spool = new RecordingMailQueues<>(RequeueAfterBackendOutageTest::snapshot);
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();

    @Test
    void theFirstFailureIsProcessedAgainFromRootAfterTheFirstDelay() throws Exception {
        Mail mail = failedMail();

        mailet("30s, 1m, 5m", "200").service(mail);

        assertThat(spool.enqueued()).singleElement().satisfies(enqueued -> {
            Queued queued = enqueued.snapshot();
            assertThat(queued.state()).isEqualTo("root");
            assertThat(enqueued.delay()).isEqualTo(Duration.ofSeconds(30));
            assertThat(queued.attempt()).isEqualTo(1);
            assertThat(queued.hadError()).isFalse();
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(metrics.countFor("mailfort_mail_deferred_backend_outage")).isEqualTo(1);
    }

    @Test
    void laterFailuresWaitLongerAndTheLastDelayRepeats() throws Exception {
        RequeueAfterBackendOutage mailet = mailet("30s, 1m, 5m", "200");

        mailet.service(failedMail(1));
        mailet.service(failedMail(2));
        mailet.service(failedMail(9));

        assertThat(spool.enqueued()).extracting(RecordingMailQueues.Enqueued::delay)
            .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertThat(spool.enqueued()).extracting(enqueued -> enqueued.snapshot().attempt()).containsExactly(2, 3, 10);
    }

    @Test
    void afterMaxAttemptsTheMailGoesOnToTheErrorRepository() throws Exception {
        Mail mail = failedMail(3);

        mailet("30s", "3").service(mail);

        assertThat(spool.enqueued()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.ERROR);
    }

    @Test
    void aDelayThatDoesNotParseStopsTheStart() {
        assertThatThrownBy(() -> mailet("soon", "3")).isInstanceOf(MessagingException.class).hasMessageContaining("delays");
    }

    private RequeueAfterBackendOutage mailet(String delays, String maxAttempts) throws MessagingException {
        RequeueAfterBackendOutage mailet = new RequeueAfterBackendOutage(spool, metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("RequeueAfterBackendOutage")
            .setProperty("delays", delays).setProperty("maxAttempts", maxAttempts).build());
        return mailet;
    }

    private static Mail failedMail(int previousAttempts) throws MessagingException {
        Mail mail = failedMail();
        mail.setAttribute(new Attribute(RequeueAfterBackendOutage.FAILED_ATTEMPTS, AttributeValue.of(previousAttempts)));
        return mail;
    }

    private static Mail failedMail() throws MessagingException {
        Mail mail = FakeMail.builder().name("mail1").recipient("ann@example.com").state(Mail.ERROR)
            .errorMessage("Exception calling LocalDelivery: All 1 node(s) tried for the query failed").build();
        mail.setAttribute(new Attribute(Mail.MAILET_ERROR, AttributeValue.ofUnserializable(new IllegalStateException())));
        return mail;
    }

    record Queued(String state, int attempt, boolean hadError) {
    }

    private static Queued snapshot(Mail mail) {
        int attempt = mail.getAttribute(RequeueAfterBackendOutage.FAILED_ATTEMPTS)
            .flatMap(attribute -> attribute.getValue().valueAs(Integer.class)).orElse(0);
        return new Queued(mail.getState(), attempt,
            mail.getAttribute(Mail.MAILET_ERROR).isPresent() || mail.getErrorMessage() != null);
    }
}
