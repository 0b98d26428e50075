/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class DeliverLocallyOrRetryTest {
    private static final AttributeName VERDICT = AttributeName.of("mailfort.clamav.status");

    private final RecordingMailQueues<Queued> spool = new RecordingMailQueues<>(DeliverLocallyOrRetryTest::snapshot);
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();

    @Test
    void mailDeliveredToEveryRecipientIsConsumedAndNotRequeued() throws Exception {
        Mail mail = mail("ann@example.com", "ben@example.com");

        mailet(new StoringDelivery(Set.of())).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(spool.enqueued()).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void recipientsThatCouldNotBeStoredAreRetriedLaterOnTheOriginalMailWithItsAttributes() throws Exception {
        Mail mail = mail("ann@example.com", "ben@example.com");

        mailet(new StoringDelivery(Set.of("ben@example.com"))).service(mail);

        assertThat(spool.enqueued()).singleElement().satisfies(enqueued -> {
            Queued queued = enqueued.snapshot();
            assertThat(queued.recipients()).containsExactly(new MailAddress("ben@example.com"));
            assertThat(queued.state()).isEqualTo("local-delivery-retry");
            assertThat(enqueued.delay()).isEqualTo(Duration.ofSeconds(30));
            assertThat(queued.verdict()).contains("clean");
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        // LocalDelivery's own copy to the error processor never leaves.
        assertThat(context.getSentMails()).isEmpty();
        assertThat(metrics.countFor("mailfort_mail_deferred_local_delivery")).isEqualTo(1);
    }

    @Test
    void theDelayGrowsWithEachFailedAttempt() throws Exception {
        Mail mail = mail("ann@example.com");
        mail.setAttribute(new Attribute(DeliverLocallyOrRetry.FAILED_ATTEMPTS, AttributeValue.of(1)));

        mailet(new StoringDelivery(Set.of("ann@example.com"))).service(mail);

        assertThat(spool.enqueued()).singleElement().extracting(RecordingMailQueues.Enqueued::delay)
            .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void afterTheLastAttemptTheMailGoesToTheErrorProcessor() throws Exception {
        Mail mail = mail("ann@example.com");
        mail.setAttribute(new Attribute(DeliverLocallyOrRetry.FAILED_ATTEMPTS, AttributeValue.of(200)));

        mailet(new StoringDelivery(Set.of("ann@example.com"))).service(mail);

        assertThat(spool.enqueued()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.ERROR);
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("ann@example.com"));
    }

    private DeliverLocallyOrRetry mailet(StoringDelivery delivery) throws MessagingException {
        DeliverLocallyOrRetry mailet = new DeliverLocallyOrRetry(delivery, spool, metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("DeliverLocallyOrRetry").mailetContext(context).build());
        return mailet;
    }

    private static Mail mail(String... recipients) throws MessagingException {
        Mail mail = FakeMail.builder().name("mail1").recipients(recipients).state("local-delivery").build();
        mail.setAttribute(new Attribute(VERDICT, AttributeValue.of("clean")));
        return mail;
    }

    /** Behaves as James's LocalDelivery does: consumes the mail and reports failed recipients in a new mail. */
    private static final class StoringDelivery extends GenericMailet {
        private final Set<String> failing;

        StoringDelivery(Set<String> failing) {
            this.failing = failing;
        }

        @Override
        public void service(Mail mail) throws MessagingException {
            List<MailAddress> failed = mail.getRecipients().stream()
                .filter(recipient -> failing.contains(recipient.asString())).toList();
            if (!failed.isEmpty()) {
                getMailetContext().sendMail(MailImpl.builder().name("error-" + mail.getName())
                    .addRecipients(failed).mimeMessage(mail.getMessage())
                    .state(getInitParameter("onMailetException")).build());
            }
            mail.setState(Mail.GHOST);
        }
    }

    record Queued(List<MailAddress> recipients, String state, Optional<String> verdict) {
    }

    private static Queued snapshot(Mail mail) {
        return new Queued(List.copyOf(mail.getRecipients()), mail.getState(),
            mail.getAttribute(VERDICT).flatMap(attribute -> attribute.getValue().valueAs(String.class)));
    }
}
