/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mailfort.cassandra.runner.LocalPorts;

/**
 * The Debian-packaged rspamd run as a child process ({@code rspamd -f}) with a {@link PrivateRspamdConfig}: one
 * scanner worker on 127.0.0.1 and a free port, no controller, no proxy. It can be stopped and started again; it
 * comes back on the same port, so clients configured with {@link #uri()} find it again.
 */
public final class LocalRspamd {
    public static final String BINARY_VARIABLE = "MAILFORT_RSPAMD_BINARY";
    static final String DEBIAN_PACKAGE = "rspamd";
    private static final System.Logger LOGGER = System.getLogger(LocalRspamd.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 2;

    private final Path directory;
    private final Path binary;
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1))
        .build();
    private int port;
    private Path config;
    private Process process;
    private boolean everStarted;

    private LocalRspamd(Path directory, Path binary) {
        this.directory = directory;
        this.binary = binary;
    }

    /** Writes the configuration in {@code directory} (which must exist) without starting anything. */
    public static LocalRspamd in(Path directory) {
        LocalRspamd rspamd = new LocalRspamd(directory, findBinary());
        rspamd.configure(LocalPorts.pickFree(1)[0]);
        return rspamd;
    }

    public String host() {
        return "127.0.0.1";
    }

    public synchronized int port() {
        return port;
    }

    /** The base URI of the scanner worker, e.g. {@code http://127.0.0.1:41733}. */
    public URI uri() {
        return URI.create("http://" + host() + ":" + port());
    }

    public Path logFile() {
        return PrivateRspamdConfig.logFile(directory);
    }

    public Path directory() {
        return directory;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts rspamd unless it runs, and returns once it answers {@code /ping}. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                launchAndAwaitPing();
                everStarted = true;
                return;
            } catch (IllegalStateException e) {
                // A port picked as free can be taken before rspamd binds it. Later starts must keep the port.
                boolean portTaken = logTail().contains("Address already in use");
                if (!portTaken || everStarted || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                LOGGER.log(Level.WARNING, "Port " + port + " was taken while rspamd started, trying another one");
                configure(LocalPorts.pickFree(1)[0]);
            }
        }
    }

    /** Stops rspamd and its workers; afterwards its port refuses connections. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        // The workers are the main process's children: collected now, before they are orphaned.
        List<ProcessHandle> workers = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.log(Level.WARNING, "rspamd did not stop on SIGTERM within " + STOP_TIMEOUT + ", killing it");
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle worker : workers) {
            worker.destroyForcibly();
            try {
                worker.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOGGER.log(Level.WARNING, "rspamd worker " + worker.pid() + " did not exit: " + e);
            }
        }
        process = null;
    }

    @Override
    public String toString() {
        return "rspamd at " + uri() + " (log " + logFile() + ")";
    }

    private void configure(int newPort) {
        port = newPort;
        config = PrivateRspamdConfig.write(directory, newPort);
    }

    private void launchAndAwaitPing() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
            "-f",
            // Tests usually run as root (CI containers); rspamd refuses to run workers as root without this.
            "-i",
            "-c", config.toString()));
        command.addAll(PrivateRspamdConfig.pathVariables(directory));
        Path console = directory.resolve("console.log");
        try {
            process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw new IllegalStateException("rspamd exited with status " + exit + " while starting; its output:\n"
                    + logTail());
            }
            if (answersPing()) {
                LOGGER.log(Level.INFO, "rspamd (pid " + process.pid() + ") answers at " + uri());
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        stop();
        throw new IllegalStateException("rspamd did not answer /ping at " + uri() + " within " + START_TIMEOUT
            + "; its output:\n" + logTail());
    }

    private boolean answersPing() {
        HttpRequest ping = HttpRequest.newBuilder(uri().resolve("/ping")).timeout(Duration.ofSeconds(1)).GET().build();
        try {
            HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().trim().equals("pong");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for rspamd", e);
        }
    }

    private String logTail() {
        StringBuilder tail = new StringBuilder();
        for (Path file : List.of(directory.resolve("console.log"), logFile())) {
            tail.append("--- ").append(file).append('\n');
            try {
                List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> tail.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                tail.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return tail.toString();
    }

    private static Path findBinary() {
        Optional<Path> configured = Optional.ofNullable(System.getenv(BINARY_VARIABLE)).map(Path::of);
        if (configured.isPresent()) {
            if (!Files.isExecutable(configured.get())) {
                throw new IllegalStateException(BINARY_VARIABLE + "=" + configured.get() + " is not an executable");
            }
            return configured.get();
        }
        List<Path> candidates = new ArrayList<>();
        for (String entry : Optional.ofNullable(System.getenv("PATH")).orElse("").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry, "rspamd"));
            }
        }
        candidates.add(Path.of("/usr/bin/rspamd"));
        candidates.add(Path.of("/usr/sbin/rspamd"));
        return candidates.stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No rspamd binary on this machine (looked in PATH, /usr/bin "
                + "and /usr/sbin). Tests that scan for spam need the Debian package '" + DEBIAN_PACKAGE
                + "', which .ci/run installs: apt-get install -y --no-install-recommends " + DEBIAN_PACKAGE
                + " (or set " + BINARY_VARIABLE + ")."));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for rspamd", e);
        }
    }
}
