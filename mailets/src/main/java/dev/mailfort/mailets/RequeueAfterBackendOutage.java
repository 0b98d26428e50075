/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.monitoring.DecisionRecorder;

/**
 * Puts mail that failed because a backend was briefly unreachable (see the matcher
 * {@code dev.mailfort.matchers.FailedOnBackendOutage}) back on the spool, to be processed again after a growing
 * delay, instead of leaving it in the error repository.
 *
 * <p>Why: with Cassandra down, a mail that was being delivered when it went away fails in LocalDelivery (or in any
 * mailet that reads a mailbox, an alias or a Sieve script). James then stores it in {@code var/mail/error/} as soon
 * as Cassandra is back, where it waits for an admin although nothing is wrong with it: for its recipient, a mail the
 * server had acknowledged never arrives. Retried, it is delivered once Cassandra answers, like any MTA would.
 *
 * <p>The mail starts again from {@code processor}: the failing mailet's processor is not recorded by James, and
 * every step from the root is safe to repeat (scanners replace their headers). A recipient delivered before the
 * failure may get a second copy, which RFC 5321 §6.1 prefers to none. Each attempt is logged and counted as
 * {@code decision=deferred reason=backend_outage} ({@code mailfort_mail_deferred_backend_outage_total}). When
 * {@code maxAttempts} is reached the mailet does nothing, and the mail goes on to the rest of the error processor.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code processor} (default {@code root}): where the mail starts again.</li>
 *   <li>{@code delays} (default {@code 30s, 1m, 5m, 15m}): the wait before attempt 1, 2, ...; the last one
 *       repeats. Durations as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}.</li>
 *   <li>{@code maxAttempts} (default {@code 200}: about two days with the default delays).</li>
 *   <li>{@code queue} (default {@code spool}): the queue the mail goes back to.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <processor state="error">
 *     <mailet match="dev.mailfort.matchers.FailedOnBackendOutage" class="dev.mailfort.mailets.RequeueAfterBackendOutage">
 *         <processor>root</processor>
 *         <delays>30s, 1m, 5m, 15m</delays>
 *         <maxAttempts>200</maxAttempts>
 *     </mailet>
 *     <mailet match="All" class="ToRepository">
 *         <repositoryPath>cassandra://var/mail/error/</repositoryPath>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class RequeueAfterBackendOutage extends GenericMailet {
    static final AttributeName FAILED_ATTEMPTS = AttributeName.of("mailfort.backend.failed-attempts");

    private static final Logger LOGGER = LoggerFactory.getLogger(RequeueAfterBackendOutage.class);

    private final MailQueueFactory<?> queues;
    private final DecisionRecorder decisions;
    /** Owned by the queue factory, which closes it at shutdown: the spooler still uses it then. */
    private MailQueue queue;
    private String processor;
    private RetrySchedule schedule;

    @Inject
    public RequeueAfterBackendOutage(MailQueueFactory<?> queues, MetricFactory metricFactory) {
        this.queues = queues;
        this.decisions = new DecisionRecorder(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        processor = getInitParameter("processor", "root").trim();
        schedule = RetrySchedule.parse(getMailetName(), FAILED_ATTEMPTS,
            getInitParameter("delays", RetrySchedule.DEFAULT_DELAYS),
            getInitParameter("maxAttempts", RetrySchedule.DEFAULT_MAX_ATTEMPTS));
        queue = queues.createQueue(MailQueueName.of(getInitParameter("queue", MailQueueFactory.SPOOL.asString()).trim()));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<Duration> delay = schedule.recordFailure(mail);
        if (delay.isEmpty()) {
            LOGGER.warn("{} still fails on an unreachable backend after {} attempts: it goes to the error repository",
                mail.getName(), schedule.maxAttempts());
            return;
        }
        // The exception object cannot travel through the queue, and the next attempt must start without the
        // error of this one.
        mail.removeAttribute(Mail.MAILET_ERROR);
        mail.setErrorMessage(null);
        decisions.record(mail, "deferred", Optional.of("backend_outage"));
        mail.setState(processor);
        queue.enQueue(mail, delay.get());
        mail.setState(Mail.GHOST);
        LOGGER.info("{} failed on an unreachable backend (attempt {}): processed again from {} in {}",
            mail.getName(), schedule.attempts(mail), processor, delay.get());
    }

    @Override
    public String getMailetInfo() {
        return "Requeues mail that failed on an unreachable backend, with a growing delay";
    }
}
