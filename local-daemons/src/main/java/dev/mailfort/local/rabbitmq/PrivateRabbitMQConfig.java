/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files and environment that confine one broker to a directory: its configuration, plugins, Erlang cookie,
 * database and logs, and nothing read from {@code /etc/rabbitmq} or {@code /var/lib/rabbitmq}.
 */
final class PrivateRabbitMQConfig {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final String nodeName;

    PrivateRabbitMQConfig(Path directory, String nodeName) {
        this.directory = directory;
        this.nodeName = nodeName;
    }

    /** A node name no other broker of this machine uses, so that nodes never share a database or epmd entry. */
    static String randomNodeName() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "mf" + HexFormat.of().formatHex(bytes) + "@localhost";
    }

    /** Creates the directories and the cookie once; the cookie must stay the same across restarts. */
    void prepare() {
        try {
            for (Path subdirectory : List.of(home(), logDirectory(), databaseBase())) {
                Files.createDirectories(subdirectory);
            }
            Path cookie = home().resolve(".erlang.cookie");
            if (!Files.exists(cookie)) {
                byte[] secret = new byte[20];
                RANDOM.nextBytes(secret);
                Files.writeString(cookie, HexFormat.of().formatHex(secret).toUpperCase(), StandardCharsets.US_ASCII);
                // Erlang refuses a cookie file that others can read.
                Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("rw-------"));
            }
            // The broker reads the file named by RABBITMQ_CONF_ENV_FILE as a shell script: an empty one of ours
            // keeps /etc/rabbitmq/rabbitmq-env.conf out.
            Files.writeString(environmentFile(), "", StandardCharsets.US_ASCII);
            Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_management].\n",
                StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare RabbitMQ's directory " + directory, e);
        }
    }

    /** (Re)writes {@code rabbitmq.conf} for these ports. */
    void write(RabbitMQPorts ports) {
        List<String> lines = List.of(
            "# Written by Mailfort (LocalRabbitMQ): a private broker on loopback only.",
            "listeners.tcp.1 = 127.0.0.1:" + ports.amqp(),
            "management.tcp.ip = 127.0.0.1",
            "management.tcp.port = " + ports.management(),
            // guest may then log in over any address; every listener is on loopback anyway.
            "loopback_users = none",
            "log.console = false",
            "log.file.level = info");
        try {
            Files.write(configFile(), lines, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile(), e);
        }
    }

    /** The variables for both epmd and the broker; the caller removes any inherited RABBITMQ_* and ERL_* first. */
    Map<String, String> environment(RabbitMQPorts ports) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", home().toString());
        environment.put("RABBITMQ_CONF_ENV_FILE", environmentFile().toString());
        environment.put("RABBITMQ_NODENAME", nodeName);
        environment.put("RABBITMQ_NODE_IP_ADDRESS", LocalRabbitMQ.HOST);
        environment.put("RABBITMQ_NODE_PORT", Integer.toString(ports.amqp()));
        environment.put("RABBITMQ_DIST_PORT", Integer.toString(ports.distribution()));
        environment.put("ERL_EPMD_PORT", Integer.toString(ports.epmd()));
        environment.put("ERL_EPMD_ADDRESS", LocalRabbitMQ.HOST);
        environment.put("RABBITMQ_BASE", directory.toString());
        environment.put("RABBITMQ_MNESIA_BASE", databaseBase().toString());
        environment.put("RABBITMQ_LOG_BASE", logDirectory().toString());
        environment.put("RABBITMQ_CONFIG_FILE", configFile().toString());
        environment.put("RABBITMQ_ADVANCED_CONFIG_FILE", directory.resolve("advanced.config").toString());
        environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        environment.put("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString());
        // Without it the distribution port listens on every address.
        environment.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        // Every Erlang VM the broker starts (itself, its epmd starter) would otherwise run "epmd -daemon": that
        // epmd is nobody's child, outlives the broker, and is never reaped here. Ours is already listening.
        environment.put("ERL_FLAGS", "-start_epmd false");
        return environment;
    }

    Path configFile() {
        return directory.resolve("rabbitmq.conf");
    }

    /** The broker's main log; the launcher's own output goes to {@code console.log} next to it. */
    Path logFile() {
        return logDirectory().resolve(nodeName + ".log");
    }

    Path logDirectory() {
        return directory.resolve("log");
    }

    private Path home() {
        return directory.resolve("home");
    }

    private Path databaseBase() {
        return directory.resolve("mnesia");
    }

    private Path environmentFile() {
        return directory.resolve("rabbitmq-env.conf");
    }
}
