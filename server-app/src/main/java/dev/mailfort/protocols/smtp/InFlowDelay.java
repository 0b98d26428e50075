/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.time.Duration;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.util.DurationParser;

/**
 * One SMTP listener's flow control settings, from its {@code <smtpserver>} element:
 * <pre>{@code
 * <inFlowDelay>1s</inFlowDelay>       <!-- longest wait before MAIL FROM is answered; 0 switches flow control off -->
 * <inFlowBacklog>12</inFlowBacklog>   <!-- spool mails (queued or being processed) at which waiting starts -->
 * }</pre>
 *
 * @param maxDelay the longest a transaction waits, default {@value #DEFAULT_MAX_DELAY}
 * @param backlogThreshold the backlog at which transactions start to wait, default {@value #DEFAULT_BACKLOG}
 */
public record InFlowDelay(Duration maxDelay, long backlogThreshold) {
    static final String DEFAULT_MAX_DELAY = "1s";
    static final long DEFAULT_BACKLOG = 12;
    private static final Duration LONGEST_ALLOWED = Duration.ofSeconds(60);

    public static InFlowDelay from(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        Duration maxDelay;
        try {
            maxDelay = DurationParser.parse(configuration.getString("inFlowDelay", DEFAULT_MAX_DELAY));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("inFlowDelay must be a duration such as 1s or 500ms", e);
        }
        if (maxDelay.isNegative() || maxDelay.compareTo(LONGEST_ALLOWED) > 0) {
            // RFC 5321 gives clients 5 minutes for the MAIL reply, but every second here is a second of a
            // legitimate sender's connection: anything near a minute is a misconfiguration.
            throw new ConfigurationException("inFlowDelay must be between 0 and " + LONGEST_ALLOWED.toSeconds() + "s, got " + maxDelay);
        }
        long backlog = configuration.getLong("inFlowBacklog", DEFAULT_BACKLOG);
        if (backlog < 1) {
            throw new ConfigurationException("inFlowBacklog must be at least 1, got " + backlog);
        }
        return new InFlowDelay(maxDelay, backlog);
    }

    public boolean enabled() {
        return !maxDelay.isZero();
    }
}
