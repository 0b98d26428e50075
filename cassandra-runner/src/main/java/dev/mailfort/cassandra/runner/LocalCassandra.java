/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single Cassandra node running in a JVM of its own, for the local run and for tests.
 *
 * <p>Cassandra brings Guava, Netty and Logback versions of its own, so it never shares a class path with the
 * caller: {@link #start} launches {@code java} with the class path recorded when this module was built, and
 * returns once the node accepts CQL clients. The node's console goes to {@code logs/cassandra.log} in its
 * directory. A node started on a directory that already holds data carries on with that data.
 *
 * <p>{@link #stop} (also called by a JVM shutdown hook) asks the node to shut down cleanly, then kills it if it
 * takes too long. If the calling JVM is killed without running its hooks, the node notices and exits by itself.
 */
public final class LocalCassandra implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(LocalCassandra.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PREVIOUS_NODE_EXIT_WAIT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 60;

    private final LocalCassandraSettings settings;
    private final CassandraFiles files;
    private final Process process;
    private final Thread shutdownHook;
    private Duration startupTime;
    private volatile boolean stopped;

    private LocalCassandra(LocalCassandraSettings settings, CassandraFiles files, Process process) {
        this.settings = settings;
        this.files = files;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "mailfort-cassandra-stop");
    }

    /**
     * Starts a node and waits until it accepts CQL clients.
     *
     * @throws CassandraStartException if a port is taken, another node runs on the directory, or the node exits
     *     or is not ready within the start timeout (then it is stopped); the message quotes the node's log
     */
    public static LocalCassandra start(LocalCassandraSettings settings) {
        CassandraFiles files = new CassandraFiles(settings.directory());
        String classPath = CassandraClassPath.build();
        long started = System.nanoTime();
        Process process;
        try {
            files.createDirectories();
            waitForPreviousNodeToExit(files);
            checkPortsFree(settings);
            LOGGER.log(Level.INFO, (files.holdsData() ? "Restarting" : "Creating") + " " + settings);
            files.rotateLog();
            CassandraConfigFiles.write(settings, files);
            ProcessBuilder builder = new ProcessBuilder(
                    CassandraCommandLine.build(settings, files, ProcessHandle.current().pid()))
                .directory(files.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()));
            CassandraCommandLine.environment(builder.environment(), classPath);
            process = builder.start();
        } catch (IOException e) {
            throw new CassandraStartException("Cannot start " + settings + ": " + e.getMessage(), e);
        }
        LocalCassandra cassandra = new LocalCassandra(settings, files, process);
        Runtime.getRuntime().addShutdownHook(cassandra.shutdownHook);
        try {
            writePidFile(files, process.pid());
            cassandra.awaitCqlReady();
        } catch (RuntimeException | Error e) {
            cassandra.stop();
            throw e;
        }
        cassandra.startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOGGER.log(Level.INFO, "Cassandra accepts CQL clients on " + settings.address() + ":" + settings.nativePort()
            + " after " + seconds(cassandra.startupTime) + " (pid " + process.pid() + ", log " + files.logFile() + ")");
        return cassandra;
    }

    /** The address to connect to: the node listens on this loopback address only. */
    public String host() {
        return settings.address();
    }

    public int nativePort() {
        return settings.nativePort();
    }

    /** The data center to give the driver as its local one. */
    public String localDatacenter() {
        return LocalCassandraSettings.DATACENTER;
    }

    public LocalCassandraSettings settings() {
        return settings;
    }

    public Path directory() {
        return files.root();
    }

    public Path logFile() {
        return files.logFile();
    }

    public long pid() {
        return process.pid();
    }

    /** From the call to {@link #start} until the node accepted a connection on its native port. */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Whether {@link #stop} was called (maybe by the shutdown hook), as opposed to the node exiting by itself. */
    public boolean stopRequested() {
        return stopped;
    }

    /** Blocks until the node's process ends, for whatever reason, and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Asks the node to shut down (SIGTERM lets Cassandra flush and close its commit log), waits up to the stop
     * timeout, then kills it. Does nothing the second time.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOGGER.log(Level.WARNING, "Cassandra (pid " + process.pid() + ") did not stop within "
                        + seconds(settings.stopTimeout()) + ": killing it");
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deletePidFile();
        removeShutdownHook();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return settings + (process.isAlive() ? ", pid " + process.pid() : ", not running");
    }

    private void awaitCqlReady() {
        StartupLog log = new StartupLog(files.logFile());
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        boolean logSaysReady = false;
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new CassandraStartException("Cassandra exited with code " + process.exitValue()
                        + " while starting (" + settings + "). Last lines of " + files.logFile() + ":"
                        + System.lineSeparator() + log.tail(LOG_TAIL_LINES));
                }
                logSaysReady = logSaysReady || log.showsCqlReady();
                // The log line alone could come from a node that then fails to bind; the port alone could be
                // someone else's. Both together mean this node serves CQL.
                if (logSaysReady && LocalPorts.accepts(settings.address(), settings.nativePort())) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + files.logFile(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CassandraStartException("Interrupted while waiting for " + settings);
        }
        throw new CassandraStartException("Cassandra did not accept CQL clients within "
            + seconds(settings.startTimeout()) + " (" + settings + "). Last lines of " + files.logFile() + ":"
            + System.lineSeparator() + log.tail(LOG_TAIL_LINES));
    }

    /**
     * Cassandra binds its local JMX port on the loopback address whatever the node's own address is, so nodes on
     * 127.0.0.1, 127.0.0.2... may share native and storage ports but each needs a JMX port of its own.
     */
    private static void checkPortsFree(LocalCassandraSettings settings) {
        checkPortFree(settings.address(), settings.nativePort(), settings);
        checkPortFree(settings.address(), settings.storagePort(), settings);
        checkPortFree(LocalPorts.JMX_ADDRESS, settings.jmxPort(), settings);
    }

    private static void checkPortFree(String address, int port, LocalCassandraSettings settings) {
        if (!LocalPorts.isFree(address, port)) {
            throw new CassandraStartException("Port " + port + " on " + address
                + " is already in use (another Cassandra?); cannot start " + settings);
        }
    }

    /**
     * Two nodes on one directory would corrupt it. A node whose parent is still alive is in use: fail at once. A node
     * whose parent was killed is stopping by itself (see {@link CassandraChildMain}), so it is worth waiting for.
     */
    private static void waitForPreviousNodeToExit(CassandraFiles files) throws IOException {
        Optional<ProcessHandle> previous = previousNode(files);
        if (previous.isEmpty()) {
            return;
        }
        ProcessHandle node = previous.get();
        Optional<Long> parentPid = parentPidOf(node);
        if (parentPid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
            throw new CassandraStartException("Another Cassandra (pid " + node.pid() + ", started by pid "
                + parentPid.get() + ") runs on " + files.root() + "; stop it first");
        }
        LOGGER.log(Level.INFO, "Waiting for the orphaned Cassandra on " + files.root() + " (pid " + node.pid()
            + ") to exit");
        try {
            node.onExit().get(PREVIOUS_NODE_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Checked just below.
        }
        if (node.isAlive()) {
            throw new CassandraStartException("Another Cassandra (pid " + node.pid() + ") still runs on "
                + files.root() + "; stop it first");
        }
    }

    private static Optional<Long> parentPidOf(ProcessHandle node) {
        String prefix = "-D" + CassandraChildMain.PARENT_PID_PROPERTY + "=";
        return node.info().arguments().stream()
            .flatMap(Arrays::stream)
            .filter(argument -> argument.startsWith(prefix))
            .map(argument -> Long.parseLong(argument.substring(prefix.length())))
            .findFirst();
    }

    private static Optional<ProcessHandle> previousNode(CassandraFiles files) throws IOException {
        Path pidFile = files.pidFile();
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // The id may have been reused by an unrelated process since: only a JVM running our main class counts.
        return ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(handle -> handle.info().arguments()
                .map(arguments -> List.of(arguments).contains(CassandraChildMain.class.getName()))
                .orElse(true));
    }

    private static void writePidFile(CassandraFiles files, long pid) {
        try {
            Files.writeString(files.pidFile(), pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + files.pidFile(), e);
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(files.pidFile());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot delete " + files.pidFile() + ": " + e);
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or ran) and finds the node stopped.
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
