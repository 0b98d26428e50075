/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rabbitmq;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Debian's RabbitMQ broker run as a child process with a private node: its own epmd (also a child), AMQP,
 * management HTTP API, distribution and epmd on free ports of 127.0.0.1, and database, logs and Erlang cookie under
 * one directory. It can be stopped, or killed, and started again on the same ports with the same data: durable
 * queues and persistent messages survive. Clients log in as {@value #USER}/{@value #PASSWORD}.
 */
public final class LocalRabbitMQ implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";
    // About 12 s on a busy 2-core machine with the management plugin; CI machines can be slower still.
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EPMD_TIMEOUT = Duration.ofSeconds(10);
    private static final String STARTED_LINE = "Server startup complete";
    private static final int START_ATTEMPTS = 3;
    private static final System.Logger LOGGER = System.getLogger(LocalRabbitMQ.class.getName());

    private final RabbitMQBinary binary;
    private final Path directory;
    private final String nodeName;
    private final PrivateRabbitMQConfig config;
    private RabbitMQPorts ports;
    private boolean everStarted;
    private Thread shutdownHook;
    // Set without the lock by close() and the shutdown hook, so that a start in progress does not try again.
    private volatile boolean closed;
    // Volatile, and stop() not synchronized: the shutdown hook must not wait for a start in progress.
    private volatile Process epmd;
    private volatile Process broker;

    private LocalRabbitMQ(RabbitMQBinary binary, Path directory) {
        this.binary = binary;
        this.directory = directory;
        this.nodeName = PrivateRabbitMQConfig.randomNodeName();
        this.config = new PrivateRabbitMQConfig(directory, nodeName);
    }

    /** Writes the configuration in {@code directory} without starting anything; uses the installed broker. */
    public static LocalRabbitMQ in(Path directory) {
        return in(RabbitMQBinary.find(), directory);
    }

    public static LocalRabbitMQ in(RabbitMQBinary binary, Path directory) {
        LocalRabbitMQ rabbitMQ = new LocalRabbitMQ(binary, directory);
        rabbitMQ.config.prepare();
        rabbitMQ.configure(RabbitMQPorts.pickFree());
        return rabbitMQ;
    }

    private void configure(RabbitMQPorts newPorts) {
        ports = newPorts;
        config.write(newPorts);
    }

    /** Starts epmd and the broker unless they run, and returns once AMQP and the management API answer. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (isRunning()) {
            return;
        }
        if (shutdownHook == null) {
            // An orphaned broker holds 120 MB and its ports until someone kills it by hand.
            shutdownHook = new Thread(this::closeNow, "mailfort-rabbitmq-" + nodeName);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                launchEpmd();
                launchBrokerAndAwaitReadiness();
                everStarted = true;
                LOGGER.log(Level.INFO, "RabbitMQ " + nodeName + " ready at " + amqpUri() + " and " + managementUri()
                    + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                return;
            } catch (RabbitMQStartException e) {
                stop();
                // A port picked as free can be taken before the broker binds it. Later starts must keep the ports.
                if (!e.portTaken() || everStarted || attempt >= START_ATTEMPTS || closed) {
                    throw e;
                }
                LOGGER.log(Level.WARNING, "A port of " + ports + " was taken while RabbitMQ started, trying others");
                configure(RabbitMQPorts.pickFree());
            }
        }
    }

    private void launchEpmd() {
        Process running = epmd;
        if (running != null && running.isAlive()) {
            return;
        }
        requireFree(ports.epmd());
        // In the foreground, so that it is our child: a daemonized epmd would outlive everything.
        Process launched = launch(List.of(binary.epmd().toString(), "-port", Integer.toString(ports.epmd()),
            "-address", HOST), "epmd.log");
        epmd = launched;
        long deadline = System.nanoTime() + EPMD_TIMEOUT.toNanos();
        while (!BrokerProbe.acceptsConnections(HOST, ports.epmd())) {
            if (!launched.isAlive()) {
                String output = tail(directory.resolve("epmd.log"));
                throw new RabbitMQStartException("epmd exited with status " + launched.exitValue() + " before "
                    + "listening on port " + ports.epmd() + ":\n" + output, true);
            }
            if (System.nanoTime() > deadline) {
                throw new RabbitMQStartException("epmd did not listen on port " + ports.epmd() + " within "
                    + EPMD_TIMEOUT.toSeconds() + " s", false);
            }
            sleep(50);
        }
    }

    private void launchBrokerAndAwaitReadiness() {
        requireFree(ports.amqp());
        requireFree(ports.management());
        requireFree(ports.distribution());
        long logOffset = size(logFile());
        Process launched = launch(List.of(binary.server().toString()), "console.log");
        broker = launched;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready(logOffset)) {
            if (!launched.isAlive()) {
                String output = output();
                throw new RabbitMQStartException("RabbitMQ exited with status " + launched.exitValue()
                    + " while starting:\n" + output, output.contains("eaddrinuse"));
            }
            if (System.nanoTime() > deadline) {
                throw new RabbitMQStartException("RabbitMQ was not ready within " + START_TIMEOUT.toSeconds() + " s "
                    + "(AMQP " + ports.amqp() + ", management " + ports.management() + "):\n" + output(), false);
            }
            sleep(200);
        }
    }

    /** Fails early rather than wait for a broker that cannot bind, or mistake another server for ours. */
    private static void requireFree(int port) {
        if (BrokerProbe.acceptsConnections(HOST, port)) {
            throw new RabbitMQStartException("Port " + port + " of " + HOST + " is already in use", true);
        }
    }

    private boolean ready(long logOffset) {
        // The log line alone is not enough: the listeners can be bound a moment later than it is written.
        return logContainsSince(logOffset, STARTED_LINE)
            && BrokerProbe.acceptsConnections(HOST, ports.amqp())
            && BrokerProbe.overviewAnswers(managementUri(), USER, PASSWORD);
    }

    private Process launch(List<String> command, String outputName) {
        if (closed) {
            throw new RabbitMQStartException(this + " was closed while starting", false);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(outputName).toFile()));
        Map<String, String> environment = builder.environment();
        // A developer's shell may carry settings for another broker.
        environment.keySet().removeIf(name -> name.startsWith("RABBITMQ_") || name.startsWith("ERL_"));
        environment.putAll(config.environment(ports));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        }
    }

    /**
     * Stops the broker cleanly (SIGTERM to its launcher, which has it flush and close its queues), then epmd; the
     * ports refuse connections until {@link #start()}. Anything that does not exit in time is killed.
     */
    public void stop() {
        Process running = broker;
        if (running != null) {
            List<ProcessHandle> children = descendants(running);
            running.destroy();
            awaitExit(running.toHandle(), STOP_TIMEOUT);
            children.forEach(child -> awaitExit(child, STOP_TIMEOUT));
            broker = null;
        }
        stopEpmd();
    }

    /** SIGKILL to the broker, as a crash would; epmd stays. {@link #start()} brings the node back. */
    public void kill() {
        Process running = broker;
        if (running == null) {
            return;
        }
        List<ProcessHandle> children = descendants(running);
        children.forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        awaitExit(running.toHandle(), STOP_TIMEOUT);
        children.forEach(child -> awaitExit(child, STOP_TIMEOUT));
        broker = null;
    }

    /** Stops everything for good; the directory stays, for the caller to delete. */
    @Override
    public void close() {
        closeNow();
        removeShutdownHook();
    }

    private void closeNow() {
        closed = true;
        stop();
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already exiting: the hook runs or ran, which is what we want anyway.
            }
            shutdownHook = null;
        }
    }

    private void stopEpmd() {
        Process running = epmd;
        if (running != null) {
            running.destroy();
            awaitExit(running.toHandle(), STOP_TIMEOUT);
            epmd = null;
        }
    }

    private static List<ProcessHandle> descendants(Process process) {
        // Collected before the signal: once the launcher exits, the Erlang VM would no longer be found under it.
        return new ArrayList<>(process.descendants().toList());
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOGGER.log(Level.WARNING, "Process " + process.pid() + " did not exit within " + timeout + ", killing it");
            process.destroyForcibly();
            try {
                process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException again) {
                LOGGER.log(Level.WARNING, "Process " + process.pid() + " survived SIGKILL: " + again);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException e) {
            LOGGER.log(Level.WARNING, "Cannot wait for process " + process.pid() + ": " + e);
        }
    }

    public boolean isRunning() {
        Process running = broker;
        return running != null && running.isAlive();
    }

    /** For AMQP clients, e.g. {@code amqp://127.0.0.1:41257}; log in with {@link #user()}/{@link #password()}. */
    public synchronized URI amqpUri() {
        return URI.create("amqp://" + HOST + ":" + ports.amqp());
    }

    /** The management plugin's base URI, e.g. {@code http://127.0.0.1:41258}; same login as AMQP. */
    public synchronized URI managementUri() {
        return URI.create("http://" + HOST + ":" + ports.management());
    }

    public synchronized RabbitMQPorts ports() {
        return ports;
    }

    public String host() {
        return HOST;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The Erlang node name, unique to this instance, e.g. {@code mf3fa2c1d07e9b@localhost}. */
    public String nodeName() {
        return nodeName;
    }

    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return config.logFile();
    }

    /** The launcher and its Erlang VM while they run (for tests that check nothing is left behind). */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        for (Process process : new Process[] {epmd, broker}) {
            if (process != null && process.isAlive()) {
                processes.add(process.toHandle());
                processes.addAll(process.descendants().toList());
            }
        }
        return processes;
    }

    @Override
    public String toString() {
        return "RabbitMQ " + nodeName + " at " + amqpUri() + " (log " + logFile() + ")";
    }

    private boolean logContainsSince(long offset, String text) {
        Path file = logFile();
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            if (length <= offset) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 16L * 1024 * 1024)];
            log.seek(offset);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String output() {
        return tail(directory.resolve("console.log")) + tail(logFile());
    }

    private static String tail(Path file) {
        StringBuilder tail = new StringBuilder("--- ").append(file).append('\n');
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> tail.append(l).append('\n'));
        } catch (IOException e) {
            tail.append("(unreadable: ").append(e).append(")\n");
        }
        return tail.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for RabbitMQ", e);
        }
    }

    /** The broker did not start; {@link #portTaken()} when another process had a port, which another try can fix. */
    public static final class RabbitMQStartException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final boolean portTaken;

        RabbitMQStartException(String message, boolean portTaken) {
            super(message);
            this.portTaken = portTaken;
        }

        public boolean portTaken() {
            return portTaken;
        }
    }
}
