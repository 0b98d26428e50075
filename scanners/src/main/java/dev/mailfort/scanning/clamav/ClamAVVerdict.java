/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What clamd said about one message. Only {@link Status#CLEAN} means "scanned, nothing found": every failure,
 * including a message too large to send, has a status of its own so that no caller can mistake it for clean.
 */
public final class ClamAVVerdict {
    public enum Status {
        CLEAN,
        INFECTED,
        /** Not scanned: larger than our limit or clamd's StreamMaxLength. */
        TOO_LARGE,
        /** Not scanned: clamd could not be reached or did not answer properly. */
        UNAVAILABLE;

        /** The value stored in the {@link ClamAVAttributes#STATUS} attribute: {@code clean}, {@code too-large}... */
        public String attributeValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Status> fromAttributeValue(String value) {
            for (Status status : values()) {
                if (status.attributeValue().equals(value)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }

    /** Why a message could not be scanned. */
    public enum UnavailableReason {
        /** Nothing listens on the address, or it cannot be reached or resolved. */
        CONNECTION_REFUSED,
        /** Connecting, sending or waiting for the reply took longer than allowed. */
        TIMEOUT,
        /** clamd closed the connection or it broke while the message was being sent. */
        CONNECTION_LOST,
        /** The reply is not one the INSTREAM protocol defines. */
        PROTOCOL_ERROR,
        /** clamd answered with an error of its own (out of memory, a broken database...). */
        CLAMD_ERROR,
        /** Every connection the client may open was in use for longer than the read timeout. */
        BUSY,
        /** The scanning thread was interrupted. */
        INTERRUPTED
    }

    private static final ClamAVVerdict CLEAN = new ClamAVVerdict(Status.CLEAN, null, null, "");

    private final Status status;
    private final String signature;
    private final UnavailableReason reason;
    private final String detail;

    private ClamAVVerdict(Status status, String signature, UnavailableReason reason, String detail) {
        this.status = status;
        this.signature = signature;
        this.reason = reason;
        this.detail = detail;
    }

    public static ClamAVVerdict clean() {
        return CLEAN;
    }

    public static ClamAVVerdict infected(String signature) {
        if (signature == null || signature.isBlank()) {
            throw new IllegalArgumentException("An infected verdict needs the signature name");
        }
        return new ClamAVVerdict(Status.INFECTED, signature, null, "");
    }

    public static ClamAVVerdict tooLarge(String detail) {
        return new ClamAVVerdict(Status.TOO_LARGE, null, null, Objects.requireNonNull(detail));
    }

    public static ClamAVVerdict unavailable(UnavailableReason reason, String detail) {
        return new ClamAVVerdict(Status.UNAVAILABLE, null, Objects.requireNonNull(reason),
            Objects.requireNonNull(detail));
    }

    public Status status() {
        return status;
    }

    public boolean isClean() {
        return status == Status.CLEAN;
    }

    public boolean isInfected() {
        return status == Status.INFECTED;
    }

    /** The name clamd gave the signature that matched, e.g. {@code Eicar-Test-Signature}; only when infected. */
    public Optional<String> signature() {
        return Optional.ofNullable(signature);
    }

    /** Only when {@link Status#UNAVAILABLE}. */
    public Optional<UnavailableReason> unavailableReason() {
        return Optional.ofNullable(reason);
    }

    /** A human-readable explanation for logs (empty for clean and infected). */
    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ClamAVVerdict)) {
            return false;
        }
        ClamAVVerdict that = (ClamAVVerdict) other;
        return status == that.status && Objects.equals(signature, that.signature) && reason == that.reason
            && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, signature, reason, detail);
    }

    @Override
    public String toString() {
        switch (status) {
            case INFECTED:
                return "infected (" + signature + ")";
            case UNAVAILABLE:
                return "unavailable (" + reason + ": " + detail + ")";
            case TOO_LARGE:
                return "too-large (" + detail + ")";
            default:
                return "clean";
        }
    }
}
