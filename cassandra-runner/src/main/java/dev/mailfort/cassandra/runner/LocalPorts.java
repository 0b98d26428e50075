/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** TCP ports on a loopback address: which are free, and a few picked free for a child process to bind. */
public final class LocalPorts {
    /** Where Cassandra binds its local JMX port, whichever address the node itself listens on. */
    public static final String JMX_ADDRESS = "127.0.0.1";
    private static final int ATTEMPTS = 20;

    private LocalPorts() {
    }

    /**
     * Ports free right now on 127.0.0.1, all different, chosen at random below the kernel's ephemeral range. The
     * kernel hands ports of that range to outgoing connections and to binds on port 0 (Cassandra's own JMX export
     * among them), so a port picked there can be taken before the node binds it; below it, only another test that
     * picked the same port can, which a random choice makes unlikely.
     */
    public static int[] pickFree(int count) {
        Set<Integer> picked = new LinkedHashSet<>();
        int low = PickingRange.LOW;
        int high = PickingRange.high();
        for (int attempt = 0; picked.size() < count; attempt++) {
            if (attempt >= count * 1000) {
                throw new IllegalStateException("Found no " + count + " free ports in " + low + "-" + high);
            }
            int port = ThreadLocalRandom.current().nextInt(low, high + 1);
            if (!picked.contains(port) && isFree(JMX_ADDRESS, port)) {
                picked.add(port);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Ports free right now on each of the given addresses, all different: for nodes that listen on the same ports,
     * each on its own loopback address. {@link #pickFree} checks 127.0.0.1 only, so the others are checked here.
     */
    public static int[] pickFreeOnAll(List<String> addresses, int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int[] ports = pickFree(count);
            if (Arrays.stream(ports).allMatch(port -> addresses.stream().allMatch(address -> isFree(address, port)))) {
                return ports;
            }
        }
        throw new IllegalStateException("Found no " + count + " ports free on all of " + addresses);
    }

    public static boolean isFree(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where {@link #pickFree} draws from: up to the start of the kernel's ephemeral range, read from /proc. */
    static final class PickingRange {
        static final int LOW = 20000;
        private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        private static final int LINUX_DEFAULT_EPHEMERAL_START = 32768;

        private PickingRange() {
        }

        static int high() {
            return highBelow(ephemeralStart());
        }

        /** The highest port to pick; a system whose ephemeral range starts low still gets a range of 1000 ports. */
        static int highBelow(int ephemeralStart) {
            return Math.max(ephemeralStart - 1, LOW + 999);
        }

        private static int ephemeralStart() {
            try {
                // Not Files.readString: on JDK 17 it trusts the size that /proc reports and returns a truncated text.
                String[] bounds = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
                return Integer.parseInt(bounds[0]);
            } catch (IOException | RuntimeException e) {
                return LINUX_DEFAULT_EPHEMERAL_START;
            }
        }
    }
}
