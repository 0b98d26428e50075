/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    private final List<String> seeds;
    private final boolean autoBootstrap;
    private final Duration ringDelay;
    private final boolean waitForPeers;
    private final Map<String, String> cassandraSettings;

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
        this.seeds = builder.seeds.isEmpty() ? List.of(address + ":" + storagePort) : builder.seeds;
        this.autoBootstrap = builder.autoBootstrap;
        this.ringDelay = builder.ringDelay;
        this.waitForPeers = builder.waitForPeers;
        this.cassandraSettings = Collections.unmodifiableMap(new LinkedHashMap<>(builder.cassandraSettings));
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

    /** The {@code address:storagePort} of the nodes a starting node asks about the cluster; itself by default. */
    public List<String> seeds() {
        return seeds;
    }

    /** False when the node should take its token ranges without streaming their data (see the builder). */
    public boolean autoBootstrap() {
        return autoBootstrap;
    }

    /** How long a joining node watches gossip before it takes its tokens; Cassandra's own default if empty. */
    public Optional<Duration> ringDelay() {
        return Optional.ofNullable(ringDelay);
    }

    /** Whether the node holds its start until the nodes it knows of are reachable (see the builder). */
    public boolean waitForPeers() {
        return waitForPeers;
    }

    /** Settings of {@code cassandra.yaml} given on top of the runner's, by name, in the order they were given. */
    public Map<String, String> cassandraSettings() {
        return cassandraSettings;
    }

    @Override
    public String toString() {
        return "Cassandra on " + address + ":" + nativePort + " (storage port " + storagePort + ", JMX port " + jmxPort
            + ", heap " + heap + ", directory " + directory + (disposable ? ", disposable" : "")
            + (isOwnSeed() ? "" : ", seeds " + String.join(",", seeds))
            + (cassandraSettings.isEmpty() ? "" : ", settings " + cassandraSettings) + ")";
    }

    private boolean isOwnSeed() {
        return seeds.equals(List.of(address + ":" + storagePort));
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
        private List<String> seeds = List.of();
        private boolean autoBootstrap = true;
        private Duration ringDelay;
        private boolean waitForPeers = true;
        private final Map<String, String> cassandraSettings = new LinkedHashMap<>();

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

        /**
         * The nodes to join, as {@code address:storagePort}; the storage port is required because nodes on
         * different loopback addresses may well use another port than 7000. Empty (the default) means the node
         * is its own seed: a single node, or the first node of a cluster.
         */
        public Builder seeds(List<String> seeds) {
            for (String seed : seeds) {
                checkSeed(seed);
            }
            this.seeds = List.copyOf(seeds);
            return this;
        }

        /**
         * False lets a node that has never run join without streaming the data of its token ranges from the other
         * nodes, and without Cassandra's wait for the ring to settle first. Only right for a node of a cluster
         * that holds no data yet (a cluster being created): a node joining a cluster with data would then answer
         * reads for ranges it never received. Ignored by Cassandra once the node has joined.
         */
        public Builder autoBootstrap(boolean autoBootstrap) {
            this.autoBootstrap = autoBootstrap;
            return this;
        }

        /**
         * Cassandra's {@code ring_delay}: 30 s by default, which a joining node waits once or twice to learn the
         * ring through gossip. On loopback gossip takes milliseconds, so a local cluster can use a few seconds.
         */
        public Builder ringDelay(Duration ringDelay) {
            if (ringDelay.isNegative() || ringDelay.isZero()) {
                throw new IllegalArgumentException("Ring delay must be positive: " + ringDelay);
            }
            this.ringDelay = ringDelay;
            return this;
        }

        /**
         * False skips Cassandra's wait of up to 10 s, before it serves clients, for the nodes it knew last time to
         * be reachable: a local cluster restarts its nodes one at a time, each once the one before serves clients,
         * so node 1 would always wait in vain for the others.
         */
        public Builder waitForPeers(boolean waitForPeers) {
            this.waitForPeers = waitForPeers;
            return this;
        }

        /**
         * One setting of {@code cassandra.yaml} by its flat name, e.g. {@code concurrent_reads} and {@code 8}, given
         * to the node as the system property {@code cassandra.settings.NAME}, which Cassandra applies over its
         * yaml. A name Cassandra does not know makes the node fail to start, saying so in its log.
         */
        public Builder cassandraSetting(String name, String value) {
            checkCassandraSetting(name, value);
            cassandraSettings.put(name, value);
            return this;
        }

        public Builder cassandraSettings(Map<String, String> settings) {
            settings.forEach(this::cassandraSetting);
            return this;
        }

        public LocalCassandraSettings build() {
            if (nativePort == storagePort || nativePort == jmxPort || storagePort == jmxPort) {
                throw new IllegalArgumentException("Native, storage and JMX ports must differ: "
                    + nativePort + ", " + storagePort + ", " + jmxPort);
            }
            return new LocalCassandraSettings(this);
        }

        /** The check of {@link #cassandraSetting}, also made by a cluster's settings when they are given. */
        static void checkCassandraSetting(String name, String value) {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("A Cassandra setting is a cassandra.yaml name such as concurrent_reads, not '"
                    + name + "'");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("Cassandra setting " + name + " has no value");
            }
        }

        private static void checkSeed(String seed) {
            int colon = seed.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("A seed is address:storagePort, not '" + seed + "'");
            }
            try {
                checkPort(Integer.parseInt(seed.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("A seed is address:storagePort, not '" + seed + "'");
            }
        }

        private static int checkPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            return port;
        }
    }
}
