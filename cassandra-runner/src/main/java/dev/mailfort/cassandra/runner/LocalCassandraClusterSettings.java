/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a {@link LocalCassandraCluster} looks like: node {@code i} (counted from 1) listens on 127.0.0.{@code i}, on
 * the same native and storage ports as the others, keeps its files in {@code DIR/node}{@code i}, and has a JMX port
 * of its own, because Cassandra binds JMX on 127.0.0.1 whatever the node's address. Node 1 is the seed of all.
 *
 * <p>Defaults: 3 nodes, ports 9042 and 7000, JMX ports 7199, 7200, 7201..., 1 GiB of heap per node.
 */
public final class LocalCassandraClusterSettings {
    public static final int DEFAULT_NODES = 3;
    /** Loopback addresses 127.0.0.2 and up answer on Linux without any setup; macOS needs an alias per address. */
    static final String ADDRESS_PREFIX = "127.0.0.";
    /**
     * Gossip between loopback addresses takes milliseconds: a few seconds are plenty to learn the ring. It is also
     * how long a restarting node 1 tries to reach the nodes it knew before going on alone; here they start after it.
     */
    static final Duration RING_DELAY = Duration.ofSeconds(5);

    private final Path directory;
    private final int nodes;
    private final int nativePort;
    private final int storagePort;
    private final List<Integer> jmxPorts;
    private final String heap;
    private final boolean disposable;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final Map<String, String> cassandraSettings;

    private LocalCassandraClusterSettings(Builder builder, List<Integer> jmxPorts) {
        this.directory = builder.directory.toAbsolutePath().normalize();
        this.nodes = builder.nodes;
        this.nativePort = builder.nativePort;
        this.storagePort = builder.storagePort;
        this.jmxPorts = jmxPorts;
        this.heap = builder.heap;
        this.disposable = builder.disposable;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.cassandraSettings = Collections.unmodifiableMap(new LinkedHashMap<>(builder.cassandraSettings));
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    public Path directory() {
        return directory;
    }

    public int nodes() {
        return nodes;
    }

    public int nativePort() {
        return nativePort;
    }

    public int storagePort() {
        return storagePort;
    }

    /** One per node, in node order. */
    public List<Integer> jmxPorts() {
        return jmxPorts;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public String address(int node) {
        checkNode(node);
        return ADDRESS_PREFIX + node;
    }

    /** The addresses of all nodes, in node order. */
    public List<String> addresses() {
        return addresses(nodes);
    }

    public static List<String> addresses(int nodes) {
        return IntStream.rangeClosed(1, nodes).mapToObj(node -> ADDRESS_PREFIX + node).collect(Collectors.toList());
    }

    public Path nodeDirectory(int node) {
        checkNode(node);
        return directory.resolve("node" + node);
    }

    /** {@code 127.0.0.1:P,127.0.0.2:P,...}: the form of {@code cassandra.nodes} in {@code cassandra.properties}. */
    public String contactPoints() {
        return addresses().stream().map(address -> address + ":" + nativePort).collect(Collectors.joining(","));
    }

    /**
     * The settings of one node.
     *
     * @param node from 1 to {@link #nodes()}
     * @param newCluster true while the cluster is being created and holds no data: the node then joins without
     *     streaming (see {@link LocalCassandraSettings.Builder#autoBootstrap}). False for a node that joins or
     *     rejoins a cluster that may hold data.
     */
    public LocalCassandraSettings node(int node, boolean newCluster) {
        LocalCassandraSettings.Builder builder = LocalCassandraSettings.builder(nodeDirectory(node))
            .address(address(node))
            .nativePort(nativePort)
            .storagePort(storagePort)
            .jmxPort(jmxPorts.get(node - 1))
            .heap(heap)
            .disposable(disposable)
            .startTimeout(startTimeout)
            .stopTimeout(stopTimeout)
            .cassandraSettings(cassandraSettings)
            .seeds(List.of(address(1) + ":" + storagePort))
            .ringDelay(RING_DELAY)
            .waitForPeers(false);
        if (newCluster) {
            builder.autoBootstrap(false);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return nodes + "-node Cassandra cluster on " + contactPoints() + " (storage port " + storagePort
            + ", JMX ports " + jmxPorts + ", heap " + heap + " each, directory " + directory
            + (disposable ? ", disposable" : "") + ")";
    }

    private void checkNode(int node) {
        if (node < 1 || node > nodes) {
            throw new IllegalArgumentException("No node " + node + " in a cluster of " + nodes);
        }
    }

    public static final class Builder {
        private final Path directory;
        private int nodes = DEFAULT_NODES;
        private int nativePort = LocalCassandraSettings.DEFAULT_NATIVE_PORT;
        private int storagePort = LocalCassandraSettings.DEFAULT_STORAGE_PORT;
        private List<Integer> jmxPorts;
        private String heap = LocalCassandraSettings.DEFAULT_HEAP;
        private boolean disposable;
        private Duration startTimeout = LocalCassandraSettings.DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = LocalCassandraSettings.DEFAULT_STOP_TIMEOUT;
        private final Map<String, String> cassandraSettings = new LinkedHashMap<>();

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** From 1 to 254, one loopback address each; each node is a JVM with its own heap. */
        public Builder nodes(int nodes) {
            if (nodes < 1 || nodes > 254) {
                throw new IllegalArgumentException("A local cluster has 1 to 254 nodes, not " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        public Builder nativePort(int port) {
            this.nativePort = port;
            return this;
        }

        public Builder storagePort(int port) {
            this.storagePort = port;
            return this;
        }

        /** One distinct port per node; by default the ports that follow 7199, one per node. */
        public Builder jmxPorts(List<Integer> ports) {
            this.jmxPorts = List.copyOf(ports);
            return this;
        }

        /** Each node's, see {@link LocalCassandraSettings.Builder#heap}. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** Each node's, see {@link LocalCassandraSettings.Builder#cassandraSetting}. */
        public Builder cassandraSettings(Map<String, String> settings) {
            settings.forEach(LocalCassandraSettings.Builder::checkCassandraSetting);
            cassandraSettings.putAll(settings);
            return this;
        }

        public Builder disposable(boolean disposable) {
            this.disposable = disposable;
            return this;
        }

        /** Per node, and again for the nodes to see each other once all are started. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public LocalCassandraClusterSettings build() {
            List<Integer> ports = jmxPorts != null ? jmxPorts : IntStream.range(0, nodes)
                .mapToObj(node -> LocalCassandraSettings.DEFAULT_JMX_PORT + node)
                .collect(Collectors.toList());
            if (ports.size() != nodes || new HashSet<>(ports).size() != nodes) {
                throw new IllegalArgumentException(
                    nodes + " nodes need " + nodes + " distinct JMX ports, not " + ports);
            }
            LocalCassandraClusterSettings settings = new LocalCassandraClusterSettings(this, List.copyOf(ports));
            // Building every node's settings checks ports and heap the way a single node does.
            for (int node = 1; node <= nodes; node++) {
                settings.node(node, false);
            }
            return settings;
        }
    }
}
