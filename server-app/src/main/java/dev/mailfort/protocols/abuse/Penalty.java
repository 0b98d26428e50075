/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.time.Duration;

/**
 * Waits before a failed login is answered.
 *
 * <p>The wait blocks the calling thread: James 3.8.1's SMTP and POP3 handlers cannot answer later from another
 * thread. The delay is short and an address can only collect {@code blockAfter - delayAfter} of them per window
 * before it is blocked (blocked attempts are refused at once), which bounds what an attacker can hold up.
 */
public final class Penalty {
    private Penalty() {
    }

    public static void await(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "15 minutes" style wording for replies, rounded up to whole minutes (at least one). */
    public static String minutes(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
