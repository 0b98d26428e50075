/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import java.time.Duration;

import org.apache.activemq.RedeliveryPolicy;

/**
 * How the queue treats a mail whose processing was rolled back: give it back again and again, never to ActiveMQ's
 * dead-letter queue.
 *
 * <p>James's spooler rolls a mail back when it can neither process it nor park it in the error repository, which
 * is what happens while Cassandra is down (the repository is in Cassandra too). With ActiveMQ's default policy the
 * seventh rollback moves the mail to {@code ActiveMQ.DLQ}, where James never looks: an acknowledged mail is then
 * lost for good after a few seconds of outage. Retrying without limit is safe because a rollback only happens on
 * such infrastructure failures; mail that fails for its own reasons goes to the error repository.
 */
final class RetryForeverRedeliveryPolicy {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(1);

    private RetryForeverRedeliveryPolicy() {
    }

    static RedeliveryPolicy create() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
        policy.setInitialRedeliveryDelay(FIRST_DELAY.toMillis());
        policy.setRedeliveryDelay(FIRST_DELAY.toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setMaximumRedeliveryDelay(LONGEST_DELAY.toMillis());
        return policy;
    }
}
