/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;

/**
 * The settings of {@code conf/console.properties}.
 *
 * @param enabled      whether the console listens at all
 * @param host         the address it binds (loopback by default)
 * @param port         its TCP port
 * @param tls          HTTPS with the server's TLS keystore instead of plain HTTP
 * @param idleTimeout  how long a session lives without a request
 * @param admins       mail accounts (lower case) that may log in with their mail password
 * @param tokenFile    the admin token file, absolute
 */
public record ConsoleSettings(boolean enabled, String host, int port, boolean tls, Duration idleTimeout,
                              Set<String> admins, Path tokenFile) {
    static final String TOKEN_FILE_ENV = "MAILFORT_CONSOLE_TOKEN_FILE";
    static final String DEFAULT_TOKEN_FILE = "var/console/admin-token";

    public ConsoleSettings {
        admins = Set.copyOf(admins);
    }

    /**
     * @param configuration    the properties file's content (empty when the file is absent)
     * @param workingDirectory the server's working directory, against which relative paths resolve
     * @param environment      the process environment ({@value #TOKEN_FILE_ENV} overrides the token file)
     */
    public static ConsoleSettings from(Configuration configuration, Path workingDirectory,
                                       Map<String, String> environment) throws ConfigurationException {
        int port = configuration.getInt("port", 8090);
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("console.properties: port " + port + " is out of range");
        }
        Duration idle;
        try {
            idle = DurationParser.parse(configuration.getString("session.idle.timeout", "30m"));
        } catch (RuntimeException e) {
            throw new ConfigurationException("console.properties: invalid session.idle.timeout", e);
        }
        if (idle.isZero() || idle.isNegative()) {
            throw new ConfigurationException("console.properties: session.idle.timeout must be positive");
        }
        // Split here too: whether the configuration already split the list depends on how it was loaded.
        Set<String> admins = Arrays.stream(configuration.getStringArray("admins"))
            .flatMap(value -> Arrays.stream(value.split(",")))
            .map(String::trim)
            .filter(name -> !name.isEmpty())
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
        String tokenFile = environment.getOrDefault(TOKEN_FILE_ENV, "").isBlank()
            ? configuration.getString("token.file", DEFAULT_TOKEN_FILE)
            : environment.get(TOKEN_FILE_ENV);
        return new ConsoleSettings(configuration.getBoolean("enabled", true),
            configuration.getString("host", "127.0.0.1").trim(), port,
            configuration.getBoolean("tls", false), idle, admins,
            workingDirectory.resolve(tokenFile.trim()).toAbsolutePath().normalize());
    }
}
