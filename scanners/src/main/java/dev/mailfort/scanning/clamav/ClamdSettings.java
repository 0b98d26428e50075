/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.time.Duration;
import java.util.Objects;

/**
 * Where clamd listens and how long and how much the {@link ClamdClient} may send and wait. Immutable; every value
 * has a default ({@link #defaults()}).
 */
public final class ClamdSettings {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 3310;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** The same as clamd's own default StreamMaxLength. */
    public static final long DEFAULT_MAX_STREAM_SIZE = 25L * 1024 * 1024;
    /** Below clamd's default MaxThreads (10), so that a burst of mail queues here rather than in clamd. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxStreamSize;
    private final int maxConnections;
    private final int chunkSize;

    private ClamdSettings(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.maxStreamSize = builder.maxStreamSize;
        this.maxConnections = builder.maxConnections;
        this.chunkSize = builder.chunkSize;
    }

    public static ClamdSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The longest wait for the TCP connection to clamd. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The longest clamd may keep us waiting at any one step: for a free connection, for it to take more of the
     * message, or for its reply once the whole message is sent (which includes its scanning time).
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Messages larger than this are not sent to the end: the verdict is {@code TOO_LARGE}. */
    public long maxStreamSize() {
        return maxStreamSize;
    }

    /** How many scans may run against clamd at once; more wait for a free slot. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The size of one INSTREAM chunk. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public String toString() {
        return "clamd at " + host + ":" + port + " (connect timeout " + connectTimeout.toMillis() + " ms, read timeout "
            + readTimeout.toMillis() + " ms, max stream size " + maxStreamSize + " bytes, max connections "
            + maxConnections + ")";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private long maxStreamSize = DEFAULT_MAX_STREAM_SIZE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int chunkSize = DEFAULT_CHUNK_SIZE;

        private Builder() {
        }

        public Builder host(String host) {
            if (Objects.requireNonNull(host, "host").isBlank()) {
                throw new IllegalArgumentException("The clamd host must not be blank");
            }
            this.host = host.trim();
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("The clamd port must be between 1 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositiveMillis(connectTimeout, "connect timeout");
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = requirePositiveMillis(readTimeout, "read timeout");
            return this;
        }

        public Builder maxStreamSize(long maxStreamSize) {
            if (maxStreamSize < 1) {
                throw new IllegalArgumentException("The maximum stream size must be positive, not " + maxStreamSize);
            }
            this.maxStreamSize = maxStreamSize;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("At least one connection is needed, not " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("The chunk size must be positive, not " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        public ClamdSettings build() {
            return new ClamdSettings(this);
        }

        private static Duration requirePositiveMillis(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            // Socket timeouts are whole milliseconds, and 0 would mean "wait forever".
            if (duration.toMillis() < 1) {
                throw new IllegalArgumentException("The " + name + " must be at least 1 ms, not " + duration);
            }
            if (duration.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("The " + name + " is too long: " + duration);
            }
            return duration;
        }
    }
}
