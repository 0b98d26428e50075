/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The container's cluster mode from environment variables: {@code MAILFORT_RABBITMQ_URI} makes the node join a
 * cluster by writing {@code conf/rabbitmq.properties} (whose presence is the switch, see ClusterMode), and the other
 * variables set the broker's address and credentials in it, whether it is created or mounted.
 *
 * <p>Variables rather than a mounted file because every node of a cluster differs from the single-node image only by
 * the broker's address and a secret, like the Cassandra settings: a compose file or a Kubernetes manifest then needs
 * no configuration directory of its own. A virtual host goes in the URI's path ({@code amqp://broker:5672/mail}):
 * James connects to that one and reads it for the management API too. A created file gets quorum queues too:
 * James's default (classic queues) is not what a cluster should start with, and it cannot be changed once the
 * queues exist.
 */
final class RabbitMQEnvironment {
    static final String FILE = "rabbitmq.properties";
    static final String PASSWORD_PROPERTY = "mailfort.rabbitmq.password";

    static final String AMQP_URI = "MAILFORT_RABBITMQ_URI";
    static final String MANAGEMENT_URI = "MAILFORT_RABBITMQ_MANAGEMENT_URI";
    static final String USER = "MAILFORT_RABBITMQ_USER";
    static final String PASSWORD = "MAILFORT_RABBITMQ_PASSWORD";
    static final String PASSWORD_FILE = "MAILFORT_RABBITMQ_PASSWORD_FILE";

    private static final int MANAGEMENT_PORT = 15672;
    private static final String NEW_FILE = """
        # Written at start from the MAILFORT_RABBITMQ_* variables: this node is one node of a cluster.
        # See conf/rabbitmq.properties.example for every key.
        quorum.queues.enable=true
        """;

    private final Optional<URI> amqp;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final List<String> descriptions = new ArrayList<>();
    private final Optional<String> password;

    private RabbitMQEnvironment(Optional<URI> amqp, Optional<String> password) {
        this.amqp = amqp;
        this.password = password;
    }

    /**
     * @param variables the environment, blank values already counted as unset
     * @param password the broker password from {@code MAILFORT_RABBITMQ_PASSWORD} or the file
     *                 {@code MAILFORT_RABBITMQ_PASSWORD_FILE} names, read by the caller
     * @param passwordOrigin which of the two variables gave it, for the log
     */
    static RabbitMQEnvironment from(Function<String, Optional<String>> variables, Optional<String> password,
                                    String passwordOrigin) {
        Optional<URI> amqp = variables.apply(AMQP_URI).map(RabbitMQEnvironment::checkAmqp);
        RabbitMQEnvironment environment = new RabbitMQEnvironment(amqp, password);
        amqp.ifPresent(uri -> environment.set("uri", uri.toString(), AMQP_URI));
        variables.apply(MANAGEMENT_URI).map(RabbitMQEnvironment::checkManagement)
            .ifPresent(uri -> environment.set("management.uri", uri.toString(), MANAGEMENT_URI));
        variables.apply(USER)
            .map(user -> EnvironmentConf.check(USER, user, EnvironmentConf.USER_NAME, "a user name without blanks or backslashes"))
            .ifPresent(user -> environment.set("management.user", user, USER));
        if (password.isPresent()) {
            environment.settings.put("management.password", "${sys:" + PASSWORD_PROPERTY + "}");
            environment.origins.put("management.password", passwordOrigin);
            environment.descriptions.add("rabbitmq management.password from " + passwordOrigin);
        }
        return environment;
    }

    /** Whether {@code conf/rabbitmq.properties} must exist, created when the configuration has none. */
    boolean joinsCluster() {
        return amqp.isPresent();
    }

    /**
     * The text {@code conf/rabbitmq.properties} should have: {@code text} with the variables applied, or a new file
     * when {@code text} is empty, which then needs the user and the password (the management URI defaults to the
     * broker's host, port 15672).
     */
    String apply(String text) {
        if (settings.isEmpty()) {
            return text;
        }
        String result = text;
        Map<String, String> values = new LinkedHashMap<>(settings);
        Map<String, String> from = new LinkedHashMap<>(origins);
        if (text.isEmpty()) {
            if (!settings.containsKey("management.user") || password.isEmpty()) {
                throw new IllegalArgumentException(AMQP_URI + " is set and the configuration has no " + FILE
                    + ": set " + USER + " and " + PASSWORD + " (or " + PASSWORD_FILE + ") too");
            }
            amqp.filter(uri -> !settings.containsKey("management.uri")).ifPresent(uri -> {
                values.put("management.uri", "http://" + uri.getHost() + ":" + MANAGEMENT_PORT);
                from.put("management.uri", AMQP_URI + ", HTTP port " + MANAGEMENT_PORT);
            });
            result = NEW_FILE;
        }
        for (Map.Entry<String, String> setting : values.entrySet()) {
            result = PropertiesText.set(result, setting.getKey(), setting.getValue(), from.get(setting.getKey()));
        }
        return result;
    }

    Map<String, String> systemProperties() {
        return password.map(secret -> Map.of(PASSWORD_PROPERTY, secret)).orElse(Map.of());
    }

    List<String> describe() {
        return List.copyOf(descriptions);
    }

    private void set(String key, String value, String variable) {
        settings.put(key, value);
        origins.put(key, variable);
        descriptions.add("rabbitmq " + key + " = " + value + " (" + variable + ")");
    }

    private static URI checkAmqp(String value) {
        return checkUri(AMQP_URI, value, "amqp", "amqp://host:5672 (or amqps://host:5671)");
    }

    private static URI checkManagement(String value) {
        return checkUri(MANAGEMENT_URI, value, "http", "http://host:15672 (or https://)");
    }

    // The user and password have variables of their own: credentials in a URI would be written to disk and logged.
    private static URI checkUri(String variable, String value, String scheme, String example) {
        try {
            URI uri = new URI(value);
            String actual = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeOk = actual.equals(scheme) || actual.equals(scheme + "s");
            if (schemeOk && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        // A value with user information may hold a password: it is not repeated on the console.
        String shown = value.contains("@") ? "a URI with user information" : "'" + value + "'";
        throw new IllegalArgumentException(variable + " must be a URI such as " + example
            + ", without user or password, not " + shown);
    }
}
