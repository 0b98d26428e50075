/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LocalClamd} is set up. The defaults are those of Debian's {@code clamd.conf} (StreamMaxLength 25M,
 * MaxThreads 12), which the production pipeline is tuned for.
 */
public final class ClamdOptions {
    private static final Duration PRIVATE_DATABASE_START = Duration.ofSeconds(60);
    // The official databases hold millions of signatures: a minute to load on a busy laptop is common.
    private static final Duration SYSTEM_DATABASE_START = Duration.ofMinutes(5);

    private final ClamdSignatures signatures;
    private final long streamMaxLength;
    private final int maxThreads;
    private final Duration startTimeout;

    private ClamdOptions(Builder builder) {
        this.signatures = builder.signatures;
        this.streamMaxLength = builder.streamMaxLength;
        this.maxThreads = builder.maxThreads;
        this.startTimeout = builder.startTimeout != null ? builder.startTimeout
            : signatures.usesSystemDatabase() ? SYSTEM_DATABASE_START : PRIVATE_DATABASE_START;
    }

    public static Builder builder(ClamdSignatures signatures) {
        return new Builder(signatures);
    }

    public ClamdSignatures signatures() {
        return signatures;
    }

    public long streamMaxLength() {
        return streamMaxLength;
    }

    public int maxThreads() {
        return maxThreads;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public static final class Builder {
        private final ClamdSignatures signatures;
        private long streamMaxLength = 25L * 1024 * 1024;
        private int maxThreads = 12;
        private Duration startTimeout;

        private Builder(ClamdSignatures signatures) {
            this.signatures = Objects.requireNonNull(signatures);
        }

        /** Larger INSTREAM content gets {@code INSTREAM size limit exceeded. ERROR}. */
        public Builder streamMaxLength(long bytes) {
            this.streamMaxLength = bytes;
            return this;
        }

        public Builder maxThreads(int threads) {
            this.maxThreads = threads;
            return this;
        }

        /** How long to wait for the first PONG; by default longer for the system database. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public ClamdOptions build() {
            return new ClamdOptions(this);
        }
    }
}
