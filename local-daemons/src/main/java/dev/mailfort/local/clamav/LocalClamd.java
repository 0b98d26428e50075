/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mailfort.local.FreeLoopbackPort;

/**
 * A clamd child process with a private configuration: TCP on 127.0.0.1 and a free port, its own pid, log and
 * temporary files under one directory, and the signatures of its {@link ClamdOptions}. It can be stopped and
 * started again; it comes back on the same port, so clients configured with {@link #port()} find it again.
 */
public final class LocalClamd {
    public static final String HOST = "127.0.0.1";
    private static final System.Logger LOGGER = System.getLogger(LocalClamd.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final Path binary;
    private final Path directory;
    private final ClamdOptions options;
    private int port;
    private boolean everStarted;
    // Volatile, and stop() not synchronized: a Ctrl-C while the database loads must not wait for the load.
    private volatile Process process;

    private LocalClamd(Path binary, Path directory, ClamdOptions options) {
        this.binary = binary;
        this.directory = directory;
        this.options = options;
    }

    /** Writes the configuration and any private signatures into {@code directory}; does not start clamd. */
    public static LocalClamd in(Path binary, Path directory, ClamdOptions options) {
        LocalClamd clamd = new LocalClamd(binary, directory, options);
        try {
            Files.createDirectories(directory.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare clamd's directory " + directory, e);
        }
        options.signatures().install(clamd.privateDatabaseDirectory());
        clamd.configure(FreeLoopbackPort.pick());
        return clamd;
    }

    private void configure(int newPort) {
        port = newPort;
        try {
            Files.write(configFile(), configuration(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile(), e);
        }
    }

    private List<String> configuration() {
        boolean systemDatabase = options.signatures().usesSystemDatabase();
        List<String> lines = new ArrayList<>(List.of(
            "# Written by Mailfort (LocalClamd) at each start: a private clamd on loopback only.",
            "Foreground yes",
            "TCPAddr " + HOST,
            "TCPSocket " + port,
            // No LocalSocket: nothing uses it, and a long directory path could exceed a unix socket's path limit.
            "PidFile " + directory.resolve("clamd.pid"),
            "LogFile " + logFile(),
            "LogTime yes",
            "DatabaseDirectory " + databaseDirectory(),
            "TemporaryDirectory " + directory.resolve("tmp"),
            "StreamMaxLength " + options.streamMaxLength(),
            "MaxThreads " + options.maxThreads()));
        if (!systemDatabase) {
            // A private database never changes under clamd (no reload in the middle of a test), and has no bytecode.
            lines.add("SelfCheck 0");
            lines.add("Bytecode no");
        }
        return lines;
    }

    /** Starts clamd unless it runs, and returns once it answers PING. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                launchAndAwaitPing();
                everStarted = true;
                return;
            } catch (ClamdStartException e) {
                // A port picked as free can be taken before clamd binds it. Later starts must keep the port.
                if (!e.portTaken() || everStarted || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                LOGGER.log(Level.WARNING, "Port " + port + " was taken while clamd started, trying another one");
                configure(FreeLoopbackPort.pick());
            }
        }
    }

    private void launchAndAwaitPing() {
        Process launched;
        try {
            Files.deleteIfExists(outputFile());
            launched = new ProcessBuilder(binary.toString(), "--config-file=" + configFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile().toFile())
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        process = launched;
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (!ping()) {
            if (!launched.isAlive()) {
                throw new ClamdStartException("clamd exited with status " + launched.exitValue() + " before answering "
                    + "on port " + port + ":\n" + output(), output().contains("Address already in use"));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new ClamdStartException("clamd did not answer PING on port " + port + " within "
                    + options.startTimeout().toSeconds() + " s:\n" + output(), false);
            }
            sleep(50);
        }
    }

    /** Stops clamd; its port then refuses connections until {@link #start()}. */
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        process = null;
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Whether something on the port answers clamd's {@code PING} with {@code PONG}. */
    public boolean ping() {
        return ClamdPing.answers(HOST, port());
    }

    public String host() {
        return HOST;
    }

    public synchronized int port() {
        return port;
    }

    /** clamd's StreamMaxLength: larger INSTREAM content gets {@code INSTREAM size limit exceeded. ERROR}. */
    public long streamMaxLength() {
        return options.streamMaxLength();
    }

    public ClamdSignatures signatures() {
        return options.signatures();
    }

    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return directory.resolve("clamd.log");
    }

    public Path configFile() {
        return directory.resolve("clamd.conf");
    }

    /** The directory clamd loads its signatures from: the private one, or the system database. */
    public Path databaseDirectory() {
        return options.signatures().databaseDirectory(privateDatabaseDirectory());
    }

    @Override
    public String toString() {
        return "clamd on " + HOST + ":" + port() + " with " + signatures() + " (log " + logFile() + ")";
    }

    private Path privateDatabaseDirectory() {
        return directory.resolve("db");
    }

    private Path outputFile() {
        return directory.resolve("clamd.out");
    }

    private String output() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(outputFile(), logFile())) {
            try {
                if (Files.exists(file)) {
                    text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(file).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for clamd", e);
        }
    }

    /** clamd did not start; {@link #portTaken()} when another process had the port, which another try can fix. */
    public static final class ClamdStartException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final boolean portTaken;

        ClamdStartException(String message, boolean portTaken) {
            super(message);
            this.portTaken = portTaken;
        }

        public boolean portTaken() {
            return portTaken;
        }
    }
}
