/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;

/**
 * What the running server exposes besides its configured protocol ports (issue 7, item 5): no JMX (James's JMX
 * server listens on 9999 with an RMI registry, without authentication, when {@code jmx.properties} enables it), no
 * listener of this JVM on anything but loopback (the test conf binds every protocol to 127.0.0.1, so any other
 * address is a listener nobody configured), and no port but the configured services: James's embedded ActiveMQ
 * broker used to open an OpenWire listener on a random port, without authentication, through which any local
 * process could read, delete or inject queued mail.
 */
class ExposedListenersTest {
    private static final int JAMES_JMX_PORT = 9999;
    private static final int RMI_REGISTRY_PORT = 1099;
    /** Every service of the production conf that listens: SMTP, submission, IMAP, POP3, ManageSieve, WebAdmin, console. */
    private static final List<Integer> SERVICE_PORTS = List.of(25, 465, 587, 143, 993, 110, 995, 4190, 8000, 8090);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @Test
    void productionConfHasNoJmxServer() {
        assertThat(TestWorkingDirectory.productionConf().resolve("jmx.properties")).doesNotExist();
        assertThat(server.workingDirectory().conf().resolve("jmx.properties")).doesNotExist();
    }

    @Test
    void noJmxConnectorAnswersOnJamesJmxPort() {
        assertThatThrownBy(() -> JMXConnectorFactory.connect(
            new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + JAMES_JMX_PORT + "/jmxrmi")).close())
            .isInstanceOf(IOException.class);
        assertThat(System.getProperty("com.sun.management.jmxremote.port")).isNull();
    }

    @Test
    void everyListenerOfTheServerIsOnLoopback() {
        List<String> listeners = listeningSocketsOfThisProcess();

        assertThat(listeners).isNotEmpty()
            .allMatch(listener -> listener.startsWith("127.0.0.1:") || listener.startsWith("::1:"),
                "bound to loopback");
        assertThat(listeners).noneMatch(listener -> listener.endsWith(":" + JAMES_JMX_PORT)
            || listener.endsWith(":" + RMI_REGISTRY_PORT));
        assertThat(listeners).contains("127.0.0.1:" + server.port(25), "127.0.0.1:" + server.port(143));
    }

    @Test
    void everyListenerOfTheServerIsAConfiguredServicePort() {
        Set<Integer> configured = new TreeSet<>();
        SERVICE_PORTS.forEach(production -> configured.add(server.port(production)));

        Set<Integer> listening = new TreeSet<>();
        listeningSocketsOfThisProcess().forEach(listener ->
            listening.add(Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1))));

        assertThat(listening).as("ports this JVM listens on").isEqualTo(configured);
    }

    /** "address:port" of each TCP socket in LISTEN state that this JVM holds, from /proc. */
    private static List<String> listeningSocketsOfThisProcess() {
        Set<String> ownInodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ownInodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not a listener of interest
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> listeners = new ArrayList<>();
        listeners.addAll(listening(Path.of("/proc/self/net/tcp"), ownInodes, false));
        listeners.addAll(listening(Path.of("/proc/self/net/tcp6"), ownInodes, true));
        return listeners;
    }

    private static List<String> listening(Path table, Set<String> ownInodes, boolean ipv6) {
        List<String> listeners = new ArrayList<>();
        try {
            for (String row : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
                String[] fields = row.trim().split("\\s+");
                boolean listen = fields[3].equals("0A");
                if (listen && ownInodes.contains(fields[9])) {
                    listeners.add(address(fields[1], ipv6));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listeners;
    }

    /** /proc's hex "ADDRESS:PORT", address in host byte order per 32-bit word. */
    private static String address(String hex, boolean ipv6) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        byte[] bytes = new byte[parts[0].length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int index = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(parts[0].substring(index, index + 2), 16);
            }
        }
        try {
            String host = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            if (ipv6 && host.startsWith("0:0:0:0:0:ffff:")) {
                host = host.substring("0:0:0:0:0:ffff:".length());
            }
            return (host.equals("0:0:0:0:0:0:0:1") ? "::1" : host) + ":" + port;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        // Loaded only to make sure the platform MBean server exists as it does in production (James registers its
        // MBeans there, locally): a local MBean server is not a remote JMX endpoint.
        ManagementFactory.getPlatformMBeanServer();
    }
}
