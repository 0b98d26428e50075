/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mailfort.testing.TemporaryDirectories;

/**
 * A dnsmasq child process serving the records of a {@link DnsmasqZone} on a free loopback port (UDP and TCP),
 * with a private configuration in a temporary directory: no upstream servers, no /etc/hosts, no /etc/resolv.conf,
 * no daemon mode, its own pid and log files. Start one per test class and close it after; a JVM shutdown hook
 * stops any left running.
 */
public final class LocalDnsmasq implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;

    private LocalDnsmasq(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopProcess, "stop-dnsmasq-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static LocalDnsmasq start(DnsmasqZone zone) {
        Path binary = DnsmasqBinary.find();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path directory = createDirectory();
            try {
                return startOnce(binary, directory, freePort(), zone);
            } catch (IllegalStateException e) {
                TemporaryDirectories.deleteQuietly(directory);
                last = e;
                // Another process may have taken the port between our check and dnsmasq's bind: try another.
                if (!e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static LocalDnsmasq startOnce(Path binary, Path directory, int port, DnsmasqZone zone) {
        Path config = directory.resolve("dnsmasq.conf");
        Path output = directory.resolve("dnsmasq.out");
        Process process;
        try {
            Files.write(config, configuration(directory, port, zone), StandardCharsets.UTF_8);
            process = new ProcessBuilder(binary.toString(), "--keep-in-foreground", "--conf-file=" + config)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dnsmasq exited with status " + process.exitValue()
                    + " before listening on port " + port + ":\n" + read(output) + read(directory.resolve("dnsmasq.log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("dnsmasq did not listen on port " + port + " within "
                    + START_TIMEOUT.toSeconds() + " s:\n" + read(output));
            }
            sleep(20);
        }
        return new LocalDnsmasq(directory, port, process);
    }

    private static List<String> configuration(Path directory, int port, DnsmasqZone zone) {
        List<String> lines = new ArrayList<>(List.of(
            "# Written by the Mailfort tests: a private dnsmasq on loopback, serving only the test's records.",
            "port=" + port,
            "listen-address=" + HOST,
            "bind-interfaces",
            "no-resolv",
            "no-hosts",
            "no-poll",
            // Run as whoever runs the tests: as root, dnsmasq would switch to nobody, who cannot write here.
            "user=" + System.getProperty("user.name"),
            "pid-file=" + directory.resolve("dnsmasq.pid"),
            "log-facility=" + directory.resolve("dnsmasq.log"),
            "log-queries",
            // No caching: every test query reaches the configuration.
            "cache-size=0"));
        lines.addAll(zone.configLines());
        return lines;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(HOST, port);
    }

    /** dnsmasq's log, with every query it got (useful in a failing test's message). */
    public String log() {
        return read(directory.resolve("dnsmasq.log"));
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway.
        }
        TemporaryDirectories.deleteQuietly(directory);
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("mailfort-dnsmasq-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for dnsmasq", e);
        }
    }

    /** A port free for both TCP and UDP on loopback just now. */
    private static int freePort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), loopback)) {
                return udp.getLocalPort();
            } catch (IOException e) {
                // The UDP side of that port is taken: try another.
            }
        }
        throw new IllegalStateException("no free loopback port for dnsmasq");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dnsmasq", e);
        }
    }
}
