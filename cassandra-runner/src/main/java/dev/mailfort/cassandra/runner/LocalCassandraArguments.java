/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The command line of {@link LocalCassandraMain}, read into the settings of one node or of a cluster. */
final class LocalCassandraArguments {
    static final String USAGE = String.join(System.lineSeparator(),
        "Usage: LocalCassandraMain [--heap=1g] [--disposable] [--address=127.0.0.1] [--setting=NAME=VALUE ...]",
        "           [--seeds=ADDRESS:STORAGE_PORT,...] DIR [NATIVE_PORT [STORAGE_PORT [JMX_PORT]]]",
        "       LocalCassandraMain --nodes=3 [--heap=1g] [--disposable] [--setting=NAME=VALUE ...]",
        "           DIR [NATIVE_PORT [STORAGE_PORT [FIRST_JMX_PORT]]]");

    private String heap = LocalCassandraSettings.DEFAULT_HEAP;
    private boolean disposable;
    private String address;
    private List<String> seeds = List.of();
    private int nodes = 1;
    private final Map<String, String> cassandraSettings = new LinkedHashMap<>();
    private Path directory;
    private final int[] ports = {
        LocalCassandraSettings.DEFAULT_NATIVE_PORT,
        LocalCassandraSettings.DEFAULT_STORAGE_PORT,
        LocalCassandraSettings.DEFAULT_JMX_PORT};
    // Which of the ports were given as 0, to be picked among the free ones.
    private final boolean[] pick = new boolean[3];

    private LocalCassandraArguments() {
    }

    /** @throws IllegalArgumentException on an unknown option or a malformed value, with a message for the user */
    static LocalCassandraArguments read(String[] args) {
        LocalCassandraArguments arguments = new LocalCassandraArguments();
        List<String> positional = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--heap=")) {
                arguments.heap = arg.substring("--heap=".length());
            } else if (arg.startsWith("--address=") && arg.length() > "--address=".length()) {
                arguments.address = arg.substring("--address=".length());
            } else if (arg.startsWith("--seeds=") && arg.length() > "--seeds=".length()) {
                arguments.seeds = Arrays.stream(arg.substring("--seeds=".length()).split(","))
                    .map(String::trim)
                    .collect(Collectors.toList());
            } else if (arg.startsWith("--nodes=")) {
                arguments.nodes = parseNumber(arg.substring("--nodes=".length()), "Not a number of nodes: ");
                if (arguments.nodes < 1) {
                    throw new IllegalArgumentException("Not a number of nodes: " + arguments.nodes);
                }
            } else if (arg.startsWith("--setting=")) {
                String setting = arg.substring("--setting=".length());
                int equals = setting.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("A setting is --setting=NAME=VALUE, not " + arg);
                }
                arguments.cassandraSettings.put(setting.substring(0, equals), setting.substring(equals + 1));
            } else if (arg.equals("--disposable")) {
                arguments.disposable = true;
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty() || positional.size() > 4) {
            throw new IllegalArgumentException("Expected a directory and up to three ports, got " + positional);
        }
        if (arguments.cluster() && (arguments.address != null || !arguments.seeds.isEmpty())) {
            throw new IllegalArgumentException("--address and --seeds are for one node: the nodes of --nodes="
                + arguments.nodes + " listen on 127.0.0.1 and up, with node 1 as their seed");
        }
        arguments.directory = Path.of(positional.get(0));
        for (int i = 1; i < positional.size(); i++) {
            int port = parseNumber(positional.get(i), "Not a port number: ");
            arguments.ports[i - 1] = port;
            arguments.pick[i - 1] = port == 0;
        }
        return arguments;
    }

    /** Whether {@code --nodes} asks for more than one node. */
    boolean cluster() {
        return nodes > 1;
    }

    LocalCassandraSettings nodeSettings() {
        int[] free = LocalPorts.pickFree(ports.length);
        LocalCassandraSettings.Builder builder = LocalCassandraSettings.builder(directory)
            .nativePort(pick[0] ? free[0] : ports[0])
            .storagePort(pick[1] ? free[1] : ports[1])
            .jmxPort(pick[2] ? free[2] : ports[2])
            .heap(heap)
            .disposable(disposable)
            .seeds(seeds)
            .cassandraSettings(cassandraSettings);
        if (address != null) {
            builder.address(address);
        }
        return builder.build();
    }

    /** Node {@code i} gets JMX port {@code FIRST_JMX_PORT + i - 1}, or a free one each when it is 0. */
    LocalCassandraClusterSettings clusterSettings() {
        int[] free = LocalPorts.pickFreeOnAll(LocalCassandraClusterSettings.addresses(nodes), 2 + nodes);
        List<Integer> jmxPorts = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            jmxPorts.add(pick[2] ? free[2 + node] : ports[2] + node);
        }
        return LocalCassandraClusterSettings.builder(directory)
            .nodes(nodes)
            .heap(heap)
            .disposable(disposable)
            .cassandraSettings(cassandraSettings)
            .nativePort(pick[0] ? free[0] : ports[0])
            .storagePort(pick[1] ? free[1] : ports[1])
            .jmxPorts(jmxPorts)
            .build();
    }

    private static int parseNumber(String text, String error) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error + text);
        }
    }
}
