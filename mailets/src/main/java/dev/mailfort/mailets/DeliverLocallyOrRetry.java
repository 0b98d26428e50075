/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.transport.mailets.LocalDelivery;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.monitoring.DecisionRecorder;

/**
 * Stores mail in the local recipients' INBOX, as James's {@code LocalDelivery} does (it runs one inside), and
 * keeps the mail for another attempt when a mailbox cannot be written, instead of parking it.
 *
 * <p>Why: when LocalDelivery cannot store for a recipient (Cassandra down or timing out, a full mailbox), it sends
 * a new mail to the error processor, without the original's attributes and without any count of attempts; James
 * then stores it in {@code var/mail/error/} for an admin, although nothing is wrong with it: for its recipient, a
 * mail the server acknowledged never arrives. Here those recipients stay on the original mail (attributes, scan
 * verdicts and all), which goes back on the spool to {@code retryProcessor} after a growing delay, like any MTA's
 * deferred queue. Recipients already delivered are not delivered again. After {@code maxAttempts} the mail goes to
 * {@code errorProcessor}. Each retry is logged and counted as {@code decision=deferred reason=local_delivery}.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code retryProcessor} (default {@code local-delivery-retry}): where the mail starts again: a processor
 *       with only this mailet in it. The steps before delivery (Sieve, Junk, headers) are done already and are
 *       kept on the mail (storage directives are attributes); running them again would add headers twice.</li>
 *   <li>{@code delays} (default {@code 30s, 1m, 5m, 15m}): the wait before attempt 1, 2, ...; the last repeats.</li>
 *   <li>{@code maxAttempts} (default {@code 200}: about two days with the default delays).</li>
 *   <li>{@code errorProcessor} (default {@code error}): where the mail goes once the attempts are used up.</li>
 *   <li>{@code queue} (default {@code spool}).</li>
 *   <li>{@code retries} (default LocalDelivery's, 5): LocalDelivery's own immediate retries per recipient.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <processor state="local-delivery">
 *     ...
 *     <mailet match="All" class="dev.mailfort.mailets.DeliverLocallyOrRetry">
 *         <retryProcessor>local-delivery-retry</retryProcessor>
 *         <delays>30s, 1m, 5m, 15m</delays>
 *         <maxAttempts>200</maxAttempts>
 *     </mailet>
 * </processor>
 * <processor state="local-delivery-retry">
 *     <mailet match="All" class="dev.mailfort.mailets.DeliverLocallyOrRetry">
 *         <retryProcessor>local-delivery-retry</retryProcessor>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class DeliverLocallyOrRetry extends GenericMailet {
    static final AttributeName FAILED_ATTEMPTS = AttributeName.of("mailfort.local-delivery.failed-attempts");

    private static final Logger LOGGER = LoggerFactory.getLogger(DeliverLocallyOrRetry.class);

    private final Mailet delivery;
    private final MailQueueFactory<?> queues;
    private final DecisionRecorder decisions;
    private FailedRecipientsCapture capture;
    /** Owned by the queue factory, which closes it at shutdown: the spooler still uses it then. */
    private MailQueue queue;
    private String retryProcessor;
    private String errorProcessor;
    private RetrySchedule schedule;

    @Inject
    public DeliverLocallyOrRetry(UsersRepository users, @Named("mailboxmanager") MailboxManager mailboxManager,
                                 MetricFactory metricFactory, MailQueueFactory<?> queues) {
        this(new LocalDelivery(users, mailboxManager, metricFactory), queues, metricFactory);
    }

    DeliverLocallyOrRetry(Mailet delivery, MailQueueFactory<?> queues, MetricFactory metricFactory) {
        this.delivery = delivery;
        this.queues = queues;
        this.decisions = new DecisionRecorder(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        retryProcessor = getInitParameter("retryProcessor", "local-delivery-retry").trim();
        errorProcessor = getInitParameter("errorProcessor", Mail.ERROR).trim();
        schedule = RetrySchedule.parse(getMailetName(), FAILED_ATTEMPTS,
            getInitParameter("delays", RetrySchedule.DEFAULT_DELAYS),
            getInitParameter("maxAttempts", RetrySchedule.DEFAULT_MAX_ATTEMPTS));
        queue = queues.createQueue(MailQueueName.of(getInitParameter("queue", MailQueueFactory.SPOOL.asString()).trim()));
        capture = new FailedRecipientsCapture(getMailetContext());
        delivery.init(capture.configFor(getMailetConfig()));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        capture.takeFailed();
        delivery.service(mail);
        List<MailAddress> failed = capture.takeFailed();
        if (failed.isEmpty()) {
            return;
        }
        mail.setRecipients(failed);
        Optional<Duration> delay = schedule.recordFailure(mail);
        if (delay.isEmpty()) {
            LOGGER.warn("{}: storing for {} still fails after {} attempts: sent to {}", mail.getName(), failed,
                schedule.maxAttempts(), errorProcessor);
            mail.setErrorMessage("Local delivery failed " + schedule.maxAttempts() + " times");
            mail.setState(errorProcessor);
            return;
        }
        decisions.record(mail, "deferred", Optional.of("local_delivery"));
        mail.setState(retryProcessor);
        queue.enQueue(mail, delay.get());
        mail.setState(Mail.GHOST);
        LOGGER.info("{}: storing for {} failed (attempt {}): tried again from {} in {}", mail.getName(), failed,
            schedule.attempts(mail), retryProcessor, delay.get());
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(retryProcessor), new ProcessingState(errorProcessor));
    }

    @Override
    public void destroy() {
        delivery.destroy();
    }

    @Override
    public String getMailetInfo() {
        return "Local delivery that keeps mail for another attempt when a mailbox cannot be written";
    }
}
