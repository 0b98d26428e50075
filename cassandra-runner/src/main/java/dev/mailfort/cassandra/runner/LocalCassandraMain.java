/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one local node in the foreground until this JVM is stopped (Ctrl-C, SIGTERM) or the node dies.
 *
 * <pre>
 * LocalCassandraMain [--heap=1g] [--disposable] [--address=127.0.0.1] DIR [NATIVE_PORT [STORAGE_PORT [JMX_PORT]]]
 * </pre>
 *
 * <p>{@code --address} is the one address the node listens on for clients and for other nodes: another loopback
 * address (127.0.0.2) lets nodes of a local cluster share the default ports, and inside a container it is the
 * container's own address, so that other containers reach the node.
 *
 * <p>Ports default to 9042, 7000 and 7199; 0 picks a free port. Once the node accepts CQL clients, one line
 * {@code CASSANDRA_READY host:port} goes to standard output, for scripts to wait on. Exits with 0 when stopped
 * through a signal, 1 when the node cannot start or exits by itself, 2 on bad arguments.
 */
public final class LocalCassandraMain {
    static final String READY_LINE_PREFIX = "CASSANDRA_READY ";

    private LocalCassandraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCassandraSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: LocalCassandraMain [--heap=1g] [--disposable] [--address=127.0.0.1] DIR"
                + " [NATIVE_PORT [STORAGE_PORT [JMX_PORT]]]");
            System.exit(2);
            return;
        }
        LocalCassandra cassandra;
        try {
            cassandra = LocalCassandra.start(settings);
        } catch (CassandraStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(READY_LINE_PREFIX + cassandra.host() + ":" + cassandra.nativePort());
        System.out.flush();
        int exitCode = cassandra.awaitExit();
        if (cassandra.stopRequested()) {
            // A signal to this JVM: its shutdown hook stopped the node and the JVM exits once the hooks are done.
            return;
        }
        System.err.println("Cassandra exited with code " + exitCode + "; see " + cassandra.logFile());
        System.exit(1);
    }

    static LocalCassandraSettings parse(String[] args) {
        String heap = LocalCassandraSettings.DEFAULT_HEAP;
        boolean disposable = false;
        String address = LocalCassandraSettings.DEFAULT_ADDRESS;
        List<String> positional = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--heap=")) {
                heap = arg.substring("--heap=".length());
            } else if (arg.startsWith("--address=") && arg.length() > "--address=".length()) {
                address = arg.substring("--address=".length());
            } else if (arg.equals("--disposable")) {
                disposable = true;
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty() || positional.size() > 4) {
            throw new IllegalArgumentException("Expected a directory and up to three ports, got " + positional);
        }
        int[] ports = {
            LocalCassandraSettings.DEFAULT_NATIVE_PORT,
            LocalCassandraSettings.DEFAULT_STORAGE_PORT,
            LocalCassandraSettings.DEFAULT_JMX_PORT};
        int[] free = LocalPorts.pickFree(ports.length);
        for (int i = 1; i < positional.size(); i++) {
            int port = parsePort(positional.get(i));
            ports[i - 1] = port == 0 ? free[i - 1] : port;
        }
        return LocalCassandraSettings.builder(Path.of(positional.get(0)))
            .nativePort(ports[0])
            .storagePort(ports[1])
            .jmxPort(ports[2])
            .heap(heap)
            .disposable(disposable)
            .address(address)
            .build();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a port number: " + text);
        }
    }
}
