/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.Objects;

/**
 * What {@link CheckSenderAuthenticity} does with one message.
 *
 * @param outcome the action
 * @param reply   for REJECT and TEMPFAIL, the enhanced status code and text of the SMTP reply
 *                (e.g. {@code 5.7.1 ...}); empty otherwise
 * @param reason  why, for the log line
 */
record SenderAuthDecision(Outcome outcome, String reply, String reason) {

    enum Outcome {
        /** Queued, delivered normally. */
        ACCEPT,
        /** Queued, marked for the Junk folder. */
        QUARANTINE,
        /** 550: the message is not queued. */
        REJECT,
        /** 451: the sending server keeps the message and tries again later. */
        TEMPFAIL
    }

    SenderAuthDecision {
        Objects.requireNonNull(outcome, "outcome");
        reply = reply == null ? "" : reply;
        reason = reason == null ? "" : reason;
    }

    static SenderAuthDecision accept(String reason) {
        return new SenderAuthDecision(Outcome.ACCEPT, "", reason);
    }

    static SenderAuthDecision quarantine(String reason) {
        return new SenderAuthDecision(Outcome.QUARANTINE, "", reason);
    }

    static SenderAuthDecision reject(String reply, String reason) {
        return new SenderAuthDecision(Outcome.REJECT, reply, reason);
    }

    static SenderAuthDecision tempfail(String reply, String reason) {
        return new SenderAuthDecision(Outcome.TEMPFAIL, reply, reason);
    }
}
