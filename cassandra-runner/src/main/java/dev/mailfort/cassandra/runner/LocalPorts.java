/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** TCP ports on a loopback address: which are free, and a few that the system picked as free. */
public final class LocalPorts {
    /** Where Cassandra binds its local JMX port, whichever address the node itself listens on. */
    public static final String JMX_ADDRESS = "127.0.0.1";
    private static final int ATTEMPTS = 20;

    private LocalPorts() {
    }

    /**
     * Ports the system reports free right now, all different. Another process may still take one before the
     * node binds it; the node then fails to start with an "Address already in use" in its log.
     */
    public static int[] pickFree(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                // Kept open until all are chosen, so the system does not hand out the same port twice.
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free local ports", e);
        } finally {
            held.forEach(LocalPorts::closeQuietly);
        }
    }

    /**
     * Ports free right now on each of the given addresses, all different: for nodes that listen on the same ports,
     * each on its own loopback address. The system only vouches for 127.0.0.1, so the others are checked.
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

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the port was only borrowed.
        }
    }
}
