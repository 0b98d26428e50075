/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

/**
 * Runs one local node, or a cluster of them, in the foreground until this JVM is stopped (Ctrl-C, SIGTERM) or a
 * node dies.
 *
 * <pre>
 * LocalCassandraMain [--heap=1g] [--disposable] [--address=127.0.0.1] [--seeds=ADDRESS:STORAGE_PORT,...]
 *                    [--setting=NAME=VALUE ...] DIR [NATIVE_PORT [STORAGE_PORT [JMX_PORT]]]
 * LocalCassandraMain --nodes=3 [--heap=1g] [--disposable] [--setting=NAME=VALUE ...]
 *                    DIR [NATIVE_PORT [STORAGE_PORT [FIRST_JMX_PORT]]]
 * </pre>
 *
 * <p>{@code --address} is the one address the node listens on for clients and for other nodes: another loopback
 * address (127.0.0.2) lets nodes of a local cluster share the default ports, and inside a container it is the
 * container's own address, so that other containers reach the node. {@code --seeds} makes the node join the
 * cluster of those nodes instead of being a cluster of its own.
 *
 * <p>{@code --setting=concurrent_reads=8} sets one {@code cassandra.yaml} setting (by its flat name) on top of the
 * runner's own, on each node; repeat it for more.
 *
 * <p>{@code --nodes=N} starts a {@link LocalCassandraCluster} instead: node {@code i} on 127.0.0.{@code i}, all on
 * the same native and storage ports, JMX on {@code FIRST_JMX_PORT + i - 1}, files in {@code DIR/node}{@code i}.
 * Point {@code cassandra.nodes} at the contact points of the ready line, and use a replication factor up to N.
 *
 * <p>Ports default to 9042, 7000 and 7199; 0 picks a free port. Once the node accepts CQL clients (all nodes, for a
 * cluster), one line {@code CASSANDRA_READY host:port[,host:port...]} goes to standard output, for scripts to wait
 * on. Exits with 0 when stopped through a signal, 1 when a node cannot start or exits by itself, 2 on bad arguments.
 */
public final class LocalCassandraMain {
    static final String READY_LINE_PREFIX = "CASSANDRA_READY ";

    private LocalCassandraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCassandraSettings node = null;
        LocalCassandraClusterSettings cluster = null;
        try {
            LocalCassandraArguments arguments = LocalCassandraArguments.read(args);
            if (arguments.cluster()) {
                cluster = arguments.clusterSettings();
            } else {
                node = arguments.nodeSettings();
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LocalCassandraArguments.USAGE);
            System.exit(2);
            return;
        }
        if (cluster != null) {
            runCluster(cluster);
        } else {
            runNode(node);
        }
    }

    /** The settings of one node, as {@link #main} reads them without {@code --nodes}. */
    static LocalCassandraSettings parse(String[] args) {
        return LocalCassandraArguments.read(args).nodeSettings();
    }

    private static void runNode(LocalCassandraSettings settings) throws InterruptedException {
        LocalCassandra cassandra;
        try {
            cassandra = LocalCassandra.start(settings);
        } catch (CassandraStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        announceReady(cassandra.host() + ":" + cassandra.nativePort());
        int exitCode = cassandra.awaitExit();
        if (cassandra.stopRequested()) {
            // A signal to this JVM: its shutdown hook stopped the node and the JVM exits once the hooks are done.
            return;
        }
        System.err.println("Cassandra exited with code " + exitCode + "; see " + cassandra.logFile());
        System.exit(1);
    }

    private static void runCluster(LocalCassandraClusterSettings settings) throws InterruptedException {
        LocalCassandraCluster cluster;
        try {
            cluster = LocalCassandraCluster.start(settings);
        } catch (CassandraStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        announceReady(cluster.contactPoints());
        LocalCassandra exited = cluster.node(cluster.awaitAnyExit());
        if (exited.stopRequested()) {
            // A signal to this JVM: the shutdown hook of every node stops it.
            return;
        }
        System.err.println("Node " + exited.host() + " exited with code " + exited.awaitExit() + "; see "
            + exited.logFile());
        // The shutdown hooks stop the other nodes.
        System.exit(1);
    }

    private static void announceReady(String contactPoints) {
        System.out.println(READY_LINE_PREFIX + contactPoints);
        System.out.flush();
    }
}
