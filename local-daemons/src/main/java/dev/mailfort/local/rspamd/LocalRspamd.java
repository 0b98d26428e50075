/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rspamd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mailfort.local.FreeLoopbackPort;

/**
 * The Debian-packaged rspamd run as a child process ({@code rspamd -f}) with a given {@link RspamdConfig}: one
 * scanner worker on 127.0.0.1 and a free port, everything it writes under one directory. It can be stopped and
 * started again; it comes back on the same port, so clients configured with {@link #uri()} find it again.
 */
public final class LocalRspamd {
    private static final System.Logger LOGGER = System.getLogger(LocalRspamd.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 2;

    private final Path directory;
    private final Path binary;
    private final RspamdConfig configuration;
    private int port;
    private Path configFile;
    private boolean everStarted;
    // Volatile, and stop() not synchronized: a Ctrl-C while rspamd compiles its rules must not wait for it.
    private volatile Process process;

    private LocalRspamd(Path directory, Path binary, RspamdConfig configuration) {
        this.directory = directory;
        this.binary = binary;
        this.configuration = configuration;
    }

    /** Writes the configuration in {@code directory} without starting anything; uses the installed rspamd. */
    public static LocalRspamd in(Path directory, RspamdConfig configuration) {
        return in(directory, RspamdBinary.find(), configuration);
    }

    public static LocalRspamd in(Path directory, Path binary, RspamdConfig configuration) {
        LocalRspamd rspamd = new LocalRspamd(directory, binary, configuration);
        try {
            for (String subdirectory : List.of("db", "run", "log", "local")) {
                Files.createDirectories(directory.resolve(subdirectory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare rspamd's directory " + directory, e);
        }
        rspamd.configure(FreeLoopbackPort.pick());
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
        return directory.resolve("log").resolve("rspamd.log");
    }

    public Path directory() {
        return directory;
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
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
                configure(FreeLoopbackPort.pick());
            }
        }
    }

    /** Stops rspamd and its workers; afterwards its port refuses connections. */
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        // The workers are the main process's children: collected now, before they are orphaned.
        List<ProcessHandle> workers = new ArrayList<>(running.descendants().toList());
        running.destroy();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.log(Level.WARNING, "rspamd did not stop on SIGTERM within " + STOP_TIMEOUT + ", killing it");
                running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
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
        return "rspamd at " + uri() + " with " + configuration + " (log " + logFile() + ")";
    }

    private void configure(int newPort) {
        port = newPort;
        configFile = configuration.write(directory, newPort);
    }

    private void launchAndAwaitPing() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
            "-f",
            // Tests usually run as root (CI containers); rspamd refuses to run workers as root without this.
            "-i",
            "-c", configFile.toString()));
        command.addAll(pathVariables());
        Path console = directory.resolve("console.log");
        Process launched;
        try {
            launched = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + binary, e);
        }
        process = launched;
        Duration timeout = configuration.startTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launched.isAlive()) {
                int exit = launched.exitValue();
                process = null;
                throw new IllegalStateException("rspamd exited with status " + exit + " while starting; its output:\n"
                    + logTail());
            }
            if (RspamdPing.answers(uri())) {
                LOGGER.log(Level.INFO, "rspamd (pid " + launched.pid() + ") answers at " + uri());
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        stop();
        throw new IllegalStateException("rspamd did not answer /ping at " + uri() + " within " + timeout
            + "; its output:\n" + logTail());
    }

    /** The variables that move every path rspamd writes to, and its local overrides, into {@link #directory()}. */
    private List<String> pathVariables() {
        return List.of(
            "--var", "DBDIR=" + directory.resolve("db"),
            "--var", "RUNDIR=" + directory.resolve("run"),
            "--var", "LOGDIR=" + directory.resolve("log"),
            "--var", "LOCAL_CONFDIR=" + directory.resolve("local"));
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for rspamd", e);
        }
    }
}
