/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.mailfort.testing.cassandra.CassandraEndpoint;

/**
 * A server working directory for one test class: the production {@code conf/} copied as is, then only what a test
 * machine needs changed — every listener moved to a free loopback port, Cassandra pointed at the test keyspace,
 * DNS pointed at loopback.
 *
 * <p>Tests therefore run the real configuration: a security setting changed in {@code conf/} is what they check.
 */
public final class TestWorkingDirectory {
    private static final int FIRST_TEST_PORT = 20000;
    private static final int LAST_TEST_PORT = 32000;
    private static final Random RANDOM = new SecureRandom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static final Pattern BIND = Pattern.compile("<bind>\\s*([^<:]+):(\\d+)\\s*</bind>");
    private static final Pattern WEBADMIN_PORT = Pattern.compile("(?m)^port=\\d+$");
    private static final Pattern CLAMAV_MAILET = Pattern.compile(
        "(<mailet [^>]*class=\"dev\\.mailfort\\.mailets\\.ScanWithClamAV\">)(.*?)(</mailet>)", Pattern.DOTALL);
    private static final String PRODUCTION_RSPAMD_URL = "http://127.0.0.1:11333";

    private final Path root;
    private final Map<Integer, Integer> ports = new HashMap<>();

    private TestWorkingDirectory(Path root) {
        this.root = root;
    }

    public static TestWorkingDirectory create(Path root, CassandraEndpoint cassandra, String keyspace,
                                              ScannerEndpoints scanners) {
        TestWorkingDirectory directory = new TestWorkingDirectory(root);
        directory.copyProductionConf();
        directory.moveListenersToFreePorts();
        directory.pointAtCassandra(cassandra, keyspace);
        directory.resolveNamesOnLoopback();
        directory.pointAtScanners(scanners);
        return directory;
    }

    /** The repository's {@code conf/}: Maven runs the tests from the module folder, one level below. */
    public static Path productionConf() {
        String configured = System.getProperty("mailfort.conf.dir");
        Path conf = configured != null ? Path.of(configured) : Path.of("..", "conf");
        if (!Files.isDirectory(conf)) {
            throw new IllegalStateException("No production conf/ at " + conf.toAbsolutePath());
        }
        return conf;
    }

    public Path root() {
        return root;
    }

    public Path conf() {
        return root.resolve("conf");
    }

    /** The loopback port the test server listens on in place of a production port (25, 587, 143, 8000...). */
    public int port(int productionPort) {
        Integer port = ports.get(productionPort);
        if (port == null) {
            throw new IllegalArgumentException("conf/ has no listener on port " + productionPort + " (has " + ports.keySet() + ")");
        }
        return port;
    }

    /** Replaces one configuration file, e.g. a mailetcontainer.xml made for a test. */
    public void replaceConf(String fileName, String content) {
        write(conf().resolve(fileName), content);
    }

    /**
     * Takes a handler out of every SMTP handler chain, for a class that tests something else and must not depend on
     * what that handler decides (e.g. the in-session spam check for a test of the quarantine routes).
     */
    public void removeSmtpHandler(String className) {
        Pattern handler = Pattern.compile("(?s)\\s*<handler class=\"" + Pattern.quote(className) + "\"\\s*(/>|>.*?</handler>)");
        String smtp = readConf("smtpserver.xml");
        if (!handler.matcher(smtp).find()) {
            throw new IllegalStateException("conf/smtpserver.xml has no handler " + className);
        }
        replaceConf("smtpserver.xml", handler.matcher(smtp).replaceAll(""));
    }

    /** Sets the SMTP flow control threshold of every listener, for a test that needs the gate to close early. */
    public void setInFlowBacklog(int backlog) {
        Pattern setting = Pattern.compile("<inFlowBacklog>\\d+</inFlowBacklog>");
        String smtp = readConf("smtpserver.xml");
        if (!setting.matcher(smtp).find()) {
            throw new IllegalStateException("conf/smtpserver.xml has no <inFlowBacklog> to change");
        }
        replaceConf("smtpserver.xml", setting.matcher(smtp).replaceAll("<inFlowBacklog>" + backlog + "</inFlowBacklog>"));
    }

    /**
     * Points the in-session checks of conf/smtpserver.xml (SPF, DKIM, DMARC, rspamd's sender lookups) at one DNS
     * server, a test's dnsmasq, in place of the system resolver the shipped {@code <dnsServers>} leaves empty.
     */
    public void useDnsServer(String host, int port) {
        String smtp = readConf("smtpserver.xml");
        if (!smtp.contains("<dnsServers></dnsServers>")) {
            throw new IllegalStateException("conf/smtpserver.xml has no empty <dnsServers> to fill");
        }
        replaceConf("smtpserver.xml",
            smtp.replace("<dnsServers></dnsServers>", "<dnsServers>" + host + ":" + port + "</dnsServers>"));
    }

    public String readConf(String fileName) {
        try {
            return Files.readString(conf().resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyProductionConf() {
        Path source = productionConf();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = conf().resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void moveListenersToFreePorts() {
        try (Stream<Path> files = Files.list(conf())) {
            files.filter(file -> file.toString().endsWith(".xml")).forEach(this::moveBinds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path webadmin = conf().resolve("webadmin.properties");
        if (Files.exists(webadmin)) {
            int port = freePort();
            ports.put(8000, port);
            write(webadmin, WEBADMIN_PORT.matcher(readConf("webadmin.properties")).replaceAll("port=" + port));
        }
        Path console = conf().resolve("console.properties");
        if (Files.exists(console)) {
            int port = freePort();
            ports.put(8090, port);
            write(console, WEBADMIN_PORT.matcher(readConf("console.properties")).replaceAll("port=" + port));
        }
    }

    private void moveBinds(Path xml) {
        String content = readConf(xml.getFileName().toString());
        Matcher matcher = BIND.matcher(content);
        StringBuilder moved = new StringBuilder();
        while (matcher.find()) {
            int production = Integer.parseInt(matcher.group(2));
            int port = ports.computeIfAbsent(production, any -> freePort());
            matcher.appendReplacement(moved, "<bind>127.0.0.1:" + port + "</bind>");
        }
        matcher.appendTail(moved);
        write(xml, moved.toString());
    }

    private void pointAtCassandra(CassandraEndpoint cassandra, String keyspace) {
        String properties = readConf("cassandra.properties")
            .replaceAll("(?m)^cassandra\\.nodes=.*$", "")
            .replaceAll("(?m)^cassandra\\.keyspace=.*$", "")
            .replaceAll("(?m)^cassandra\\.local\\.dc=.*$", "")
            .replaceAll("(?m)^cassandra\\.replication\\.factor=.*$", "");
        write(conf().resolve("cassandra.properties"), properties
            + "\ncassandra.nodes=" + cassandra.hostAndPort()
            + "\ncassandra.keyspace=" + keyspace
            + "\ncassandra.local.dc=" + cassandra.localDatacenter()
            + "\ncassandra.replication.factor=1\n");
    }

    /**
     * Tests never query the machine's resolver: DNS goes to loopback, where nothing answers unless a test starts
     * its own DNS server, so an MX lookup for an external domain fails at once and mail waits for retry.
     */
    private void resolveNamesOnLoopback() {
        String systemResolvers = "<autodiscover>true</autodiscover>";
        String production = readConf("dnsservice.xml");
        if (!production.contains(systemResolvers)) {
            throw new IllegalStateException("conf/dnsservice.xml no longer has " + systemResolvers + ": update TestWorkingDirectory");
        }
        write(conf().resolve("dnsservice.xml"), production.replace(systemResolvers,
            "<autodiscover>false</autodiscover><servers><server>127.0.0.1</server></servers>"));
        // CheckSenderAuthenticity asks the same resolvers: with nobody answering, it would defer every message (451).
        // Its results then say temperror and the message goes on; SenderAuthenticityTest, which serves a zone of its
        // own, sets tempfail back.
        String tempfail = "<onTemporaryError>tempfail</onTemporaryError>";
        String smtp = readConf("smtpserver.xml");
        if (smtp.contains(tempfail)) {
            write(conf().resolve("smtpserver.xml"),
                smtp.replace(tempfail, "<onTemporaryError>accept</onTemporaryError>"));
        }
        // Nor would WebAdmin's DNS health check ever be healthy; DnsHealthCheckTest checks it against a real resolver.
        write(conf().resolve("healthcheck.properties"),
            readConf("healthcheck.properties") + "\ndns.probe.enabled=false\n");
    }

    /**
     * The test clamd and rspamd instead of the production addresses. clamd's size limit follows the test clamd's
     * StreamMaxLength, which is smaller than production's, so that a big test mail is "too large" rather than an
     * error of clamd's.
     */
    private void pointAtScanners(ScannerEndpoints scanners) {
        String mailets = readConf("mailetcontainer.xml");
        Matcher clamav = CLAMAV_MAILET.matcher(mailets);
        if (!clamav.find()) {
            throw new IllegalStateException("conf/mailetcontainer.xml has no ScanWithClamAV mailet: update TestWorkingDirectory");
        }
        String parameters = clamav.group(2)
            .replaceAll("<host>[^<]*</host>", "<host>" + scanners.clamdHost() + "</host>")
            .replaceAll("<port>[^<]*</port>", "<port>" + scanners.clamdPort() + "</port>")
            .replaceAll("<maxSize>[^<]*</maxSize>", "<maxSize>" + scanners.clamdMaxSize() + "</maxSize>");
        mailets = mailets.substring(0, clamav.start(2)) + parameters + mailets.substring(clamav.end(2));
        write(conf().resolve("mailetcontainer.xml"), mailets.replace(PRODUCTION_RSPAMD_URL, scanners.rspamdUrl()));
        String smtp = readConf("smtpserver.xml");
        write(conf().resolve("smtpserver.xml"), smtp.replace(PRODUCTION_RSPAMD_URL, scanners.rspamdUrl()));
    }

    /** Where the test scanners listen. */
    public record ScannerEndpoints(String clamdHost, int clamdPort, long clamdMaxSize, String rspamdUrl) {
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): a port the kernel hands out itself could be taken by
     * any outgoing connection (to Cassandra, clamd, rspamd...) between now and the server's bind, and WebAdmin's web
     * framework does not fail but hangs when its bind fails. Ports are drawn at random so that parallel test JVMs
     * rarely try the same one, and never twice in one JVM.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int candidate = FIRST_TEST_PORT + RANDOM.nextInt(LAST_TEST_PORT - FIRST_TEST_PORT);
            if (!HANDED_OUT.add(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // In use: draw another.
            }
        }
        throw new IllegalStateException("No free port between " + FIRST_TEST_PORT + " and " + LAST_TEST_PORT);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
