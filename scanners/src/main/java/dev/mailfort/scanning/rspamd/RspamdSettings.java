/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where rspamd listens and how long to wait for it.
 *
 * <ul>
 *   <li>{@code uri}: the scanner worker, default {@value #DEFAULT_URI};</li>
 *   <li>{@code connectTimeout}: default 2 s;</li>
 *   <li>{@code readTimeout}: from sending the request to the end of the reply, default 15 s (rspamd's own
 *       {@code task_timeout} is 8 s by default);</li>
 *   <li>{@code maxMessageSize}: larger messages are not sent and get a too-large verdict, default 10 MiB (spam is
 *       small; scanning big messages costs rspamd much and finds little);</li>
 *   <li>{@code password}: sent in the {@code Password} header, for a controller or proxy that requires one;
 *       none by default.</li>
 * </ul>
 */
public final class RspamdSettings {
    public static final String DEFAULT_URI = "http://127.0.0.1:11333";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 10L * 1024 * 1024;

    private final URI uri;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxMessageSize;
    private final Optional<String> password;

    private RspamdSettings(Builder builder) {
        this.uri = builder.uri;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.maxMessageSize = builder.maxMessageSize;
        this.password = builder.password;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RspamdSettings defaults() {
        return builder().build();
    }

    public URI uri() {
        return uri;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public long maxMessageSize() {
        return maxMessageSize;
    }

    public Optional<String> password() {
        return password;
    }

    @Override
    public String toString() {
        // Never the password.
        return "RspamdSettings{uri=" + uri + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
            + ", maxMessageSize=" + maxMessageSize + ", password=" + (password.isPresent() ? "***" : "none") + "}";
    }

    public static final class Builder {
        private URI uri = URI.create(DEFAULT_URI);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Optional<String> password = Optional.empty();

        private Builder() {
        }

        public Builder uri(URI value) {
            Objects.requireNonNull(value, "uri");
            if (!"http".equalsIgnoreCase(value.getScheme()) && !"https".equalsIgnoreCase(value.getScheme())) {
                throw new IllegalArgumentException("rspamd URI must be http:// or https://, not " + value);
            }
            if (value.getHost() == null) {
                throw new IllegalArgumentException("rspamd URI has no host: " + value);
            }
            this.uri = value;
            return this;
        }

        public Builder uri(String value) {
            return uri(URI.create(value.trim()));
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = positive(value, "readTimeout");
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be positive, not " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder password(String value) {
            this.password = Optional.ofNullable(value).filter(p -> !p.isEmpty());
            return this;
        }

        public RspamdSettings build() {
            return new RspamdSettings(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
