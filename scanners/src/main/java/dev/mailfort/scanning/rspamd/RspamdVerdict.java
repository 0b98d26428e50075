/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of asking rspamd about one message: scanned (with rspamd's answer), not scanned because rspamd could
 * not give a usable answer, or not sent because the message is larger than the configured limit. A message that
 * was not scanned is never to be taken as clean.
 */
public final class RspamdVerdict {
    public enum Status {
        SCANNED("scanned"),
        UNAVAILABLE("unavailable"),
        TOO_LARGE("too-large");

        private final String attributeValue;

        Status(String attributeValue) {
            this.attributeValue = attributeValue;
        }

        /** The value of the {@code mailfort.rspamd.status} attribute. */
        public String attributeValue() {
            return attributeValue;
        }
    }

    private final Status status;
    private final Optional<RspamdScan> scan;
    private final String detail;

    private RspamdVerdict(Status status, Optional<RspamdScan> scan, String detail) {
        this.status = status;
        this.scan = scan;
        this.detail = detail;
    }

    public static RspamdVerdict scanned(RspamdScan scan) {
        return new RspamdVerdict(Status.SCANNED, Optional.of(scan), "scanned");
    }

    /** @param reason why there is no answer, for logs: "connection refused", "HTTP 500", ... */
    public static RspamdVerdict unavailable(String reason) {
        return new RspamdVerdict(Status.UNAVAILABLE, Optional.empty(), Objects.requireNonNull(reason, "reason"));
    }

    public static RspamdVerdict tooLarge(long maxSize) {
        return new RspamdVerdict(Status.TOO_LARGE, Optional.empty(), "larger than " + maxSize + " bytes, not scanned");
    }

    public Status status() {
        return status;
    }

    public boolean isScanned() {
        return status == Status.SCANNED;
    }

    /** rspamd's answer; present only when {@link #isScanned()}. */
    public Optional<RspamdScan> scan() {
        return scan;
    }

    public Optional<RspamdAction> action() {
        return scan.map(RspamdScan::action);
    }

    /** A human-readable explanation, for logs. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return scan.map(s -> "scanned: " + s.action() + ", score " + s.score() + "/" + s.requiredScore())
            .orElse(status.attributeValue() + ": " + detail);
    }
}
