/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LocalCassandra} node looks like: where it keeps its files, which loopback address and ports it
 * binds, and how much heap it gets.
 *
 * <p>Built with {@link #builder(Path)}; every setting but the directory has a default that suits one node on a
 * developer machine (the usual Cassandra ports 9042, 7000 and 7199 on 127.0.0.1, 1 GiB of heap).
 */
public final class LocalCassandraSettings {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_NATIVE_PORT = 9042;
    public static final int DEFAULT_STORAGE_PORT = 7000;
    public static final int DEFAULT_JMX_PORT = 7199;
    public static final String DEFAULT_HEAP = "1g";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(60);
    /** The data center {@code SimpleSnitch} puts every node in; drivers need it as their local data center. */
    public static final String DATACENTER = "datacenter1";
    /** Stored in the system tables on first start: a node refuses to start on data of another cluster name. */
    public static final String CLUSTER_NAME = "Mailfort local";

    private final Path directory;
    private final String address;
    private final int nativePort;
    private final int storagePort;
    private final int jmxPort;
    private final String heap;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final boolean disposable;

    private LocalCassandraSettings(Builder builder) {
        this.directory = builder.directory.toAbsolutePath().normalize();
        this.address = builder.address;
        this.nativePort = builder.nativePort;
        this.storagePort = builder.storagePort;
        this.jmxPort = builder.jmxPort;
        this.heap = builder.heap;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.disposable = builder.disposable;
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    public Path directory() {
        return directory;
    }

    public String address() {
        return address;
    }

    public int nativePort() {
        return nativePort;
    }

    public int storagePort() {
        return storagePort;
    }

    public int jmxPort() {
        return jmxPort;
    }

    public String heap() {
        return heap;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    /**
     * Whether the data may be lost on a crash. Tests set it: Cassandra then skips flushing its system tables on
     * every schema change and snapshotting dropped tables, which makes creating and dropping keyspaces much faster.
     */
    public boolean disposable() {
        return disposable;
    }

    @Override
    public String toString() {
        return "Cassandra on " + address + ":" + nativePort + " (storage port " + storagePort + ", JMX port " + jmxPort
            + ", heap " + heap + ", directory " + directory + (disposable ? ", disposable" : "") + ")";
    }

    public static final class Builder {
        private final Path directory;
        private String address = DEFAULT_ADDRESS;
        private int nativePort = DEFAULT_NATIVE_PORT;
        private int storagePort = DEFAULT_STORAGE_PORT;
        private int jmxPort = DEFAULT_JMX_PORT;
        private String heap = DEFAULT_HEAP;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private boolean disposable;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** A loopback address such as 127.0.0.2 lets several nodes run side by side on the same ports. */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder nativePort(int port) {
            this.nativePort = checkPort(port);
            return this;
        }

        public Builder storagePort(int port) {
            this.storagePort = checkPort(port);
            return this;
        }

        public Builder jmxPort(int port) {
            this.jmxPort = checkPort(port);
            return this;
        }

        /** In the JVM's {@code -Xmx} syntax, e.g. {@code 512m} or {@code 2g}; used for both -Xms and -Xmx. */
        public Builder heap(String heap) {
            if (!heap.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("Heap size must look like 512m or 2g, not '" + heap + "'");
            }
            this.heap = heap;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder disposable(boolean disposable) {
            this.disposable = disposable;
            return this;
        }

        public LocalCassandraSettings build() {
            if (nativePort == storagePort || nativePort == jmxPort || storagePort == jmxPort) {
                throw new IllegalArgumentException("Native, storage and JMX ports must differ: "
                    + nativePort + ", " + storagePort + ", " + jmxPort);
            }
            return new LocalCassandraSettings(this);
        }

        private static int checkPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            return port;
        }
    }
}
