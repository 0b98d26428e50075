/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * When to try a mail again: the {@code delays} and {@code maxAttempts} parameters of the mailets that put mail back
 * on the spool after a failure, and the attempt counter they keep on the mail.
 */
final class RetrySchedule {
    static final String DEFAULT_DELAYS = "30s, 1m, 5m, 15m";
    static final String DEFAULT_MAX_ATTEMPTS = "200";

    private final AttributeName attempts;
    private final List<Duration> delays;
    private final int maxAttempts;

    private RetrySchedule(AttributeName attempts, List<Duration> delays, int maxAttempts) {
        this.attempts = attempts;
        this.delays = delays;
        this.maxAttempts = maxAttempts;
    }

    static RetrySchedule parse(String mailetName, AttributeName attempts, String delays, String maxAttempts)
            throws MessagingException {
        try {
            List<Duration> parsed = Arrays.stream(delays.split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .map(value -> ParameterValues.duration("delays", value))
                .toList();
            int max = Integer.parseInt(maxAttempts.trim());
            if (parsed.isEmpty() || max < 1) {
                throw new IllegalArgumentException("delays needs at least one duration and maxAttempts a positive number");
            }
            return new RetrySchedule(attempts, parsed, max);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(mailetName + ": " + e.getMessage(), e);
        }
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Counts one more failed attempt on the mail and says how long to wait before the next one; empty when the
     * mail has used all its attempts (the counter is then left as it was).
     */
    Optional<Duration> recordFailure(Mail mail) {
        int attempt = AttributeUtils.getValueAndCastFromMail(mail, attempts, Number.class)
            .map(Number::intValue)
            .orElse(0) + 1;
        if (attempt > maxAttempts) {
            return Optional.empty();
        }
        mail.setAttribute(new Attribute(attempts, AttributeValue.of(attempt)));
        return Optional.of(delays.get(Math.min(attempt, delays.size()) - 1));
    }

    int attempts(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, attempts, Number.class).map(Number::intValue).orElse(0);
    }
}
