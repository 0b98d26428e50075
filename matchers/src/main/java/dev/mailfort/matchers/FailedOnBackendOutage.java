/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * In the {@code error} processor: did the mail get there because a backend was briefly unreachable (Cassandra down
 * or timing out) rather than because of the mail itself or a bug? All recipients match when the exception James
 * recorded ({@link Mail#MAILET_ERROR}), or any exception it wraps, is of a class whose name starts with one of the
 * condition's prefixes. When the exception object is gone (the mail went through a queue since), the recorded error
 * message is searched for the same names.
 *
 * <p>Condition: comma-separated class-name prefixes. Default, when empty: {@value #DEFAULT_PREFIXES} (every
 * exception of the Cassandra driver, and timeouts).
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.FailedOnBackendOutage" class="dev.mailfort.mailets.RequeueAfterBackendOutage"/>
 * <mailet match="dev.mailfort.matchers.FailedOnBackendOutage=com.datastax.oss.driver.,java.util.concurrent.TimeoutException"
 *         class="..."/>
 * }</pre>
 */
public class FailedOnBackendOutage extends GenericMatcher {
    static final String DEFAULT_PREFIXES = "com.datastax.oss.driver.api.core.,java.util.concurrent.TimeoutException";

    private List<String> prefixes;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).map(String::trim).filter(value -> !value.isEmpty())
            .orElse(DEFAULT_PREFIXES);
        prefixes = Arrays.stream(condition.split(",")).map(String::trim).filter(prefix -> !prefix.isEmpty()).toList();
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Optional<Throwable> recorded = mail.getAttribute(Mail.MAILET_ERROR)
            .map(attribute -> attribute.getValue().value())
            .filter(Throwable.class::isInstance)
            .map(Throwable.class::cast);
        boolean outage = recorded.map(this::causedByBackend)
            .orElseGet(() -> mentionsBackend(mail.getErrorMessage()));
        return outage ? mail.getRecipients() : List.of();
    }

    private boolean causedByBackend(Throwable thrown) {
        // Causes, suppressed exceptions and MessagingException's "next" exception: wrappers differ between mailets.
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(thrown));
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (seen.put(current, Boolean.TRUE) != null) {
                continue;
            }
            if (isBackendFailure(current.getClass().getName())) {
                return true;
            }
            Optional.ofNullable(current.getCause()).ifPresent(pending::push);
            Arrays.stream(current.getSuppressed()).forEach(pending::push);
            if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
                pending.push(messaging.getNextException());
            }
        }
        return false;
    }

    private boolean mentionsBackend(String errorMessage) {
        return errorMessage != null && prefixes.stream().anyMatch(errorMessage::contains);
    }

    private boolean isBackendFailure(String className) {
        return prefixes.stream().anyMatch(className::startsWith);
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail sent to the error processor by an unreachable backend";
    }
}
