/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import dev.mailfort.server.MailfortServer;

/**
 * The server in a JVM of its own, started by {@code MailfortServer.main} as in production, so a test can kill it
 * the hard way (SIGKILL) and check what survives a crash.
 */
public final class MailfortProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;

    private MailfortProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the server on a prepared working directory and waits until WebAdmin answers. */
    public static MailfortProcess start(TestWorkingDirectory directory) {
        MailfortProcess server = launch(directory);
        server.awaitReady(directory);
        return server;
    }

    /** Starts the server's JVM and returns at once, for a test of how a start ends. */
    public static MailfortProcess launch(TestWorkingDirectory directory) {
        Path log = directory.root().resolve("process-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx1g",
            "-Dworking.directory=" + directory.root(),
            "-Dlogback.configurationFile=" + directory.conf().resolve("logback.xml"),
            "-cp", System.getProperty("java.class.path"),
            MailfortServer.class.getName());
        try {
            Process process = new ProcessBuilder(command)
                .directory(directory.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            return new MailfortProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code, once the JVM has exited by itself within {@code timeout}; empty if it still runs. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void awaitReady(TestWorkingDirectory directory) {
        WebAdminClient webAdmin = new WebAdminClient(directory.port(8000));
        try {
            // failFast, not a check inside the condition: ignoreExceptions would retry a dead server until the timeout.
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .failFast("server exited", () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> webAdmin.get("/healthcheck").status() == 200);
        } catch (RuntimeException | AssertionError e) {
            kill();
            throw new IllegalStateException("server did not start:\n" + logTail(), e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed — a power cut for the server. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM, as {@code docker stop} sends it: the server stops accepting, finishes what is in flight and exits.
     * Killed if it takes longer than {@code timeout}; returns whether it exited in time by itself.
     */
    public boolean stopGracefully(Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return false;
    }

    /** The server's whole console output so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
