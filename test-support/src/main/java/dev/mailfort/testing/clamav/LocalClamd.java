/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A clamd child process with a private configuration: loopback TCP on a given port, its own pid, log and temporary
 * files, and a database directory holding only the EICAR signature (see {@link Eicar#hdbSignature()}), so it
 * starts in about a second, needs no signature download and detects nothing else. It can be stopped and started
 * again on the same port, as a test taking the scanner away needs.
 */
public final class LocalClamd {
    public static final String HOST = "127.0.0.1";
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int PING_TIMEOUT_MILLIS = 1000;

    private final Path binary;
    private final Path directory;
    private final int port;
    private final long streamMaxLength;
    private Process process;

    private LocalClamd(Path binary, Path directory, int port, long streamMaxLength) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
        this.streamMaxLength = streamMaxLength;
    }

    /** Writes the configuration and the signature file into {@code directory}; does not start clamd. */
    static LocalClamd prepare(Path binary, Path directory, int port, long streamMaxLength) {
        LocalClamd clamd = new LocalClamd(binary, directory, port, streamMaxLength);
        try {
            Files.createDirectories(clamd.databaseDirectory());
            Files.createDirectories(directory.resolve("tmp"));
            Files.writeString(clamd.databaseDirectory().resolve("mailfort-tests.hdb"), Eicar.hdbSignature() + "\n",
                StandardCharsets.US_ASCII);
            Files.write(clamd.configFile(), clamd.configuration(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare clamd's directory " + directory, e);
        }
        return clamd;
    }

    private List<String> configuration() {
        return List.of(
            "# Written by the Mailfort tests: a private clamd, on loopback only, with the tests' own signatures.",
            "Foreground yes",
            "TCPAddr " + HOST,
            "TCPSocket " + port,
            // No LocalSocket: nothing uses it, and a long temporary directory could exceed a unix socket's path limit.
            "PidFile " + directory.resolve("clamd.pid"),
            "LogFile " + logFile(),
            "LogTime yes",
            "DatabaseDirectory " + databaseDirectory(),
            "TemporaryDirectory " + directory.resolve("tmp"),
            "StreamMaxLength " + streamMaxLength,
            "MaxThreads 4",
            // The database never changes under it: no reload in the middle of a test.
            "SelfCheck 0",
            "Bytecode no");
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.deleteIfExists(outputFile());
            process = new ProcessBuilder(binary.toString(), "--config-file=" + configFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile().toFile())
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ping()) {
            if (!process.isAlive()) {
                throw new ClamdStartException("clamd exited with status " + process.exitValue() + " before answering "
                    + "on port " + port + ":\n" + output(), output().contains("Address already in use"));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new ClamdStartException("clamd did not answer PING on port " + port + " within "
                    + START_TIMEOUT.toSeconds() + " s:\n" + output(), false);
            }
            sleep(50);
        }
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Whether something on the port answers clamd's {@code PING} with {@code PONG}. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), PING_TIMEOUT_MILLIS);
            socket.setSoTimeout(PING_TIMEOUT_MILLIS);
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return "PONG".equals(readUntilNul(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** clamd's StreamMaxLength: larger INSTREAM content gets {@code INSTREAM size limit exceeded. ERROR}. */
    public long streamMaxLength() {
        return streamMaxLength;
    }

    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return directory.resolve("clamd.log");
    }

    Path configFile() {
        return directory.resolve("clamd.conf");
    }

    Path databaseDirectory() {
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

    private static String readUntilNul(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int b = in.read(); b > 0 && reply.length() < 100; b = in.read()) {
            reply.append((char) b);
        }
        return reply.toString();
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
    static final class ClamdStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean portTaken;

        ClamdStartException(String message, boolean portTaken) {
            super(message);
            this.portTaken = portTaken;
        }

        boolean portTaken() {
            return portTaken;
        }
    }
}
