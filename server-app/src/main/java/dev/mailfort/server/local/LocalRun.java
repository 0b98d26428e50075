/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.cassandra.runner.LocalCassandra;
import dev.mailfort.cassandra.runner.LocalCassandraSettings;
import dev.mailfort.server.CommonPoolSizing;
import dev.mailfort.server.MailfortServer;
import dev.mailfort.server.cassandra.CassandraSettings;

/**
 * The developer's and evaluator's one command: runs the production server from a local folder, with a real Cassandra
 * started beside it when {@code conf/cassandra.properties} points at a local node that is not running, and clamd and
 * rspamd started beside it when the configuration expects them on loopback and nothing answers there
 * ({@link LocalScanners}).
 *
 * <p>Usage: {@code LocalRun [CONF_DIR [RUN_DIR]]}, defaults {@code conf} and {@code run}. Each start copies
 * {@code CONF_DIR} into {@code RUN_DIR/conf} (edit {@code conf/}, not the copy); mail queue, keystore, Cassandra
 * data and the scanners' state stay in {@code RUN_DIR} across runs. Ctrl-C stops the server, then the scanners and
 * Cassandra.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        CommonPoolSizing.atLeastTwoThreads();
        long begin = System.nanoTime();
        Path confSource = Path.of(args.length > 0 ? args[0] : "conf").toAbsolutePath();
        Path runDirectory = Path.of(args.length > 1 ? args[1] : "run").toAbsolutePath();
        TreeMap<Integer, Integer> moved = prepareRunDirectory(confSource, runDirectory);
        // Before the first logger exists, so that logging follows the run's conf/logback.xml.
        System.setProperty("logback.configurationFile", runDirectory.resolve("conf/logback.xml").toString());
        loadJvmProperties(runDirectory.resolve("conf/jvm.properties"));
        Logger logger = LoggerFactory.getLogger(LocalRun.class);

        if (!moved.isEmpty()) {
            logger.warn("Cannot bind ports below 1024 as this user: listening on {} (port -> local port) instead", moved);
        }
        // One hook, so that the server stops before the scanners and Cassandra it uses (hooks run in parallel).
        AtomicReference<GuiceJamesServer> server = new AtomicReference<>();
        AtomicReference<LocalCassandra> cassandra = new AtomicReference<>();
        LocalScanners scanners = new LocalScanners(runDirectory, LocalScanners.Machine.installed(), logger);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            logger.info("Stopping Mailfort");
            Optional.ofNullable(server.get()).ifPresent(MailfortServer::stop);
            scanners.stop();
            Optional.ofNullable(cassandra.get()).ifPresent(LocalCassandra::stop);
        }, "mailfort-local-stop"));

        // The scanners load their signatures and rules while Cassandra starts; the server reads run/conf after both.
        CompletableFuture<Void> scannersReady = scanners.startInBackground();
        cassandra.set(startCassandraIfNeeded(runDirectory, logger));
        long cassandraReady = System.nanoTime();
        scannersReady.join();

        server.set(MailfortServer.create(Configuration.builder().workingDirectory(runDirectory.toFile()).build()));
        server.get().start();
        long ready = System.nanoTime();

        logger.info("Mailfort is ready: {} s after launch, {} s after Cassandra was ready. Ports: {}",
            seconds(ready - begin), seconds(ready - cassandraReady), describePorts(moved));
        scanners.warnings().forEach(warning -> logger.warn("Reminder: {}", warning));
    }

    private static TreeMap<Integer, Integer> prepareRunDirectory(Path confSource, Path runDirectory) throws IOException {
        if (!Files.isDirectory(confSource)) {
            throw new IllegalArgumentException("No configuration folder at " + confSource);
        }
        Path conf = runDirectory.resolve("conf");
        Files.createDirectories(conf);
        boolean remap = !LocalPortMapping.canBindPrivilegedPorts();
        TreeMap<Integer, Integer> moved = new TreeMap<>();
        try (Stream<Path> files = Files.list(confSource)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Path target = conf.resolve(file.getFileName().toString());
                if (remap && file.toString().endsWith(".xml")) {
                    Files.writeString(target, LocalPortMapping.remap(Files.readString(file, StandardCharsets.UTF_8), moved));
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return moved;
    }

    private static void loadJvmProperties(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        properties.stringPropertyNames().stream()
            .filter(name -> System.getProperty(name) == null)
            .forEach(name -> System.setProperty(name, properties.getProperty(name)));
    }

    /**
     * Starts the embedded node only when the configuration names exactly one loopback node and nothing answers there:
     * an admin who points {@code cassandra.properties} at a cluster gets that cluster.
     */
    private static LocalCassandra startCassandraIfNeeded(Path runDirectory, Logger logger) throws Exception {
        Path file = runDirectory.resolve("conf/cassandra.properties");
        // Read the way the server reads it, so both agree on which node is meant.
        List<InetSocketAddress> nodes = CassandraSettings.from(Files.exists(file)
            ? new Configurations().properties(file.toFile())
            : new BaseHierarchicalConfiguration()).contactPoints();
        InetSocketAddress node = nodes.get(0);
        if (nodes.size() != 1 || !isLoopback(node.getHostString())) {
            logger.info("Using the Cassandra cluster of conf/cassandra.properties: {}", nodes);
            return null;
        }
        if (answers(node.getHostString(), node.getPort())) {
            logger.info("A Cassandra node already answers on {}:{}: using it", node.getHostString(), node.getPort());
            return null;
        }
        logger.info("Starting a local Cassandra node on 127.0.0.1:{}, data in {}", node.getPort(), runDirectory.resolve("cassandra"));
        LocalCassandra cassandra = LocalCassandra.start(LocalCassandraSettings.builder(runDirectory.resolve("cassandra"))
            .nativePort(node.getPort())
            .build());
        logger.info("Cassandra ready after {} s", cassandra.startupTime().toMillis() / 1000.0);
        return cassandra;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost");
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Duration.ofSeconds(1).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describePorts(TreeMap<Integer, Integer> moved) {
        StringBuilder description = new StringBuilder();
        for (int port : new int[] {25, 587, 465, 143, 993, 110, 995}) {
            description.append(port).append(moved.containsKey(port) ? "->" + moved.get(port) : "").append(' ');
        }
        return description.append("WebAdmin http://127.0.0.1:8000").toString();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
