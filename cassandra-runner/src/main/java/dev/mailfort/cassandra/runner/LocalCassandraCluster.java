/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several {@link LocalCassandra} nodes forming one cluster on loopback addresses 127.0.0.1, 127.0.0.2..., for the
 * local run and for tests of replication and node failures.
 *
 * <p>{@link #start} starts the nodes strictly one at a time, each once the one before serves CQL clients: Cassandra
 * refuses to move token ranges for two joining nodes at once. It returns once every node sees every node alive
 * through gossip. A cluster created on empty directories lets its nodes join without streaming and with a 5 s ring
 * delay instead of sleeping 30 s or more each (three nodes with 512 MiB heaps are up in 30 to 40 s on two cores);
 * create keyspaces with a replication factor above 1 only once it is up.
 */
public final class LocalCassandraCluster implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(LocalCassandraCluster.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);

    private final LocalCassandraClusterSettings settings;
    private final LocalCassandra[] nodes;
    private Duration startupTime;

    private LocalCassandraCluster(LocalCassandraClusterSettings settings) {
        this.settings = settings;
        this.nodes = new LocalCassandra[settings.nodes()];
    }

    /**
     * Starts every node and waits until they see each other.
     *
     * @throws CassandraStartException if a node cannot start, or the nodes do not see each other within the start
     *     timeout; the nodes already started are then stopped
     */
    public static LocalCassandraCluster start(LocalCassandraClusterSettings settings) {
        long started = System.nanoTime();
        // Joining without streaming is only safe while no node holds data that the others would then lack.
        boolean newCluster = IntStream.rangeClosed(1, settings.nodes())
            .noneMatch(node -> holdsData(settings, node));
        LocalCassandraCluster cluster = new LocalCassandraCluster(settings);
        LOGGER.log(Level.INFO, (newCluster ? "Creating a " : "Restarting a ") + settings);
        try {
            for (int node = 1; node <= settings.nodes(); node++) {
                cluster.nodes[node - 1] = LocalCassandra.start(settings.node(node, newCluster));
            }
            cluster.awaitGossip("every node alive", live -> live.containsAll(cluster.runningAddresses()));
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        cluster.startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOGGER.log(Level.INFO, "Cassandra cluster " + settings.contactPoints() + " is up after "
            + seconds(cluster.startupTime) + " (per node: " + cluster.nodeStartupTimes() + ")");
        return cluster;
    }

    /** For {@code cassandra.nodes}: {@code 127.0.0.1:P,127.0.0.2:P,...}, stopped nodes included. */
    public String contactPoints() {
        return settings.contactPoints();
    }

    public int nativePort() {
        return settings.nativePort();
    }

    /** The data center to give the driver as its local one. */
    public String localDatacenter() {
        return LocalCassandraSettings.DATACENTER;
    }

    public LocalCassandraClusterSettings settings() {
        return settings;
    }

    /** From the call to {@link #start} until node 1 saw every node alive. */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isRunning(int node) {
        LocalCassandra cassandra = nodes[index(node)];
        return cassandra != null && cassandra.isRunning();
    }

    /**
     * A running node, counted from 1.
     *
     * @throws IllegalStateException if it was stopped
     */
    public LocalCassandra node(int node) {
        LocalCassandra cassandra = nodes[index(node)];
        if (cassandra == null) {
            throw new IllegalStateException("Node " + node + " is stopped");
        }
        return cassandra;
    }

    /**
     * Stops a node cleanly (it drains and tells the others it leaves), then waits until no running node holds it
     * alive any more, so that no coordinator sends it requests.
     */
    public synchronized void stopNode(int node) {
        LocalCassandra cassandra = node(node);
        nodes[index(node)] = null;
        cassandra.stop();
        if (runningAddresses().isEmpty()) {
            return;
        }
        String address = settings.address(node);
        awaitGossip(address + " down", live -> !live.contains(address));
    }

    /**
     * Starts a stopped node again on its data, and waits until it and the running nodes see each other alive. The
     * node catches up on the writes it missed through the hints of the others and through read repair.
     */
    public synchronized void startNode(int node) {
        if (nodes[index(node)] != null) {
            throw new IllegalStateException("Node " + node + " is running already");
        }
        nodes[index(node)] = LocalCassandra.start(settings.node(node, false));
        List<String> running = runningAddresses();
        awaitGossip(settings.address(node) + " alive", live -> live.containsAll(running));
    }

    /**
     * Blocks until one of the nodes exits by itself or through {@link LocalCassandra#stop}, and returns its number.
     * The local run waits on this: it has no use for a cluster that lost a node it did not stop.
     */
    public int awaitAnyExit() throws InterruptedException {
        while (true) {
            for (int node = 1; node <= nodes.length; node++) {
                LocalCassandra cassandra = nodes[node - 1];
                if (cassandra != null && !cassandra.isRunning()) {
                    return node;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Stops every running node, the last one first, so that node 1 (the seed) sees the others leave. */
    @Override
    public synchronized void close() {
        for (int node = nodes.length; node >= 1; node--) {
            LocalCassandra cassandra = nodes[node - 1];
            if (cassandra != null) {
                nodes[node - 1] = null;
                cassandra.stop();
            }
        }
    }

    @Override
    public String toString() {
        return settings + ", running: " + runningAddresses();
    }

    private List<String> runningAddresses() {
        List<String> addresses = new ArrayList<>();
        for (int node = 1; node <= nodes.length; node++) {
            if (nodes[node - 1] != null) {
                addresses.add(settings.address(node));
            }
        }
        return addresses;
    }

    /**
     * Polls the gossip view of every running node until it meets the condition. Node 1 alone would do for the
     * driver, but a coordinator that does not yet see a replica alive fails requests at ALL, or at QUORUM when a
     * node is down.
     */
    private void awaitGossip(String what, Predicate<Set<String>> condition) {
        List<LocalCassandra> observers = Arrays.stream(nodes).filter(Objects::nonNull).collect(Collectors.toList());
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        Map<String, String> views = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            boolean met = true;
            for (LocalCassandra observer : observers) {
                try {
                    Set<String> live = GossipView.liveNodes(observer.settings().jmxPort());
                    views.put(observer.host(), new TreeSet<>(live).toString());
                    met &= condition.test(live);
                } catch (IOException e) {
                    // JMX may refuse a connection while the node is still busy starting: asked again below.
                    views.put(observer.host(), e.toString());
                    met = false;
                }
            }
            if (met) {
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CassandraStartException("Interrupted while waiting for " + what);
            }
        }
        throw new CassandraStartException("The nodes did not see " + what + " within "
            + seconds(settings.startTimeout()) + "; alive as each node sees it: " + views);
    }

    private String nodeStartupTimes() {
        return IntStream.rangeClosed(1, nodes.length)
            .filter(node -> nodes[node - 1] != null)
            .mapToObj(node -> node + ": " + seconds(nodes[node - 1].startupTime()))
            .collect(Collectors.joining(", "));
    }

    private static boolean holdsData(LocalCassandraClusterSettings settings, int node) {
        try {
            return new CassandraFiles(settings.nodeDirectory(node)).holdsData();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look into " + settings.nodeDirectory(node), e);
        }
    }

    private int index(int node) {
        if (node < 1 || node > nodes.length) {
            throw new IllegalArgumentException("No node " + node + " in a cluster of " + nodes.length);
        }
        return node - 1;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
