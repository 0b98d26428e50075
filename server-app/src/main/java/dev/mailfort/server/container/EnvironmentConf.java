/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.mailfort.server.cassandra.CassandraSettings;
import dev.mailfort.server.local.LocalScannerConf;
import dev.mailfort.server.local.LocalScannerConf.ClamdAddress;

/**
 * The few settings every container deployment changes, taken from environment variables and written into the
 * container's copy of {@code conf/} (the mounted or baked-in original is never modified, so it may be read-only).
 * A blank variable counts as unset; an unset one leaves the file as it is.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>Variable</th><th>Sets</th></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_NODES}</td><td>{@code cassandra.nodes} (host[:port], comma separated)</td></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_KEYSPACE}</td><td>{@code cassandra.keyspace}</td></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_REPLICATION_STRATEGY}</td><td>{@code cassandra.replication.strategy}</td></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_REPLICATION_FACTOR}</td><td>{@code cassandra.replication.factor}</td></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_LOCAL_DC}</td><td>{@code cassandra.local.dc}</td></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_USER}</td><td>{@code cassandra.user}</td></tr>
 *   <tr><td>{@code MAILFORT_CASSANDRA_PASSWORD} or {@code MAILFORT_CASSANDRA_PASSWORD_FILE}</td>
 *       <td>{@code cassandra.password}, as a reference to a system property: the secret is not written to disk</td></tr>
 *   <tr><td>{@code MAILFORT_HOSTNAME}</td><td>every protocol server's {@code <helloName>} (the TLS bootstrap reads it
 *       too, for a generated certificate)</td></tr>
 *   <tr><td>{@code MAILFORT_CLAMD}</td><td>{@code host:port} of the {@code ScanWithClamAV} mailets</td></tr>
 *   <tr><td>{@code MAILFORT_RSPAMD_URL}</td><td>{@code url} of {@code ScanWithRspamd} and {@code CheckSpamBeforeAccepting}</td></tr>
 *   <tr><td>{@code MAILFORT_RABBITMQ_URI}</td><td>{@code uri} of {@code rabbitmq.properties} ({@code amqp://host:5672}
 *       or {@code amqp://host:5672/vhost}), created if absent: the node joins a cluster ({@link RabbitMQEnvironment})</td></tr>
 *   <tr><td>{@code MAILFORT_RABBITMQ_MANAGEMENT_URI}</td><td>{@code management.uri} (default for a created file:
 *       {@code http://<broker host>:15672})</td></tr>
 *   <tr><td>{@code MAILFORT_RABBITMQ_USER}</td><td>{@code management.user} (RabbitMQ's login, for AMQP too)</td></tr>
 *   <tr><td>{@code MAILFORT_RABBITMQ_PASSWORD} or {@code MAILFORT_RABBITMQ_PASSWORD_FILE}</td>
 *       <td>{@code management.password}, as a reference to a system property</td></tr>
 * </table>
 * Invalid values are refused before anything starts, naming the variable.
 */
public final class EnvironmentConf {
    static final String CASSANDRA_FILE = "cassandra.properties";
    static final String PASSWORD_PROPERTY = "mailfort.cassandra.password";

    static final String NODES = "MAILFORT_CASSANDRA_NODES";
    static final String KEYSPACE = "MAILFORT_CASSANDRA_KEYSPACE";
    static final String REPLICATION_STRATEGY = "MAILFORT_CASSANDRA_REPLICATION_STRATEGY";
    static final String REPLICATION_FACTOR = "MAILFORT_CASSANDRA_REPLICATION_FACTOR";
    static final String LOCAL_DC = "MAILFORT_CASSANDRA_LOCAL_DC";
    static final String USER = "MAILFORT_CASSANDRA_USER";
    static final String PASSWORD = "MAILFORT_CASSANDRA_PASSWORD";
    static final String PASSWORD_FILE = "MAILFORT_CASSANDRA_PASSWORD_FILE";
    static final String HOSTNAME = "MAILFORT_HOSTNAME";
    static final String CLAMD = "MAILFORT_CLAMD";
    static final String RSPAMD_URL = "MAILFORT_RSPAMD_URL";

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
    private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9._\\-]+");
    static final Pattern USER_NAME = Pattern.compile("[^\\s\\\\]+");
    private static final Pattern DNS_NAME = Pattern.compile(
        "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern CLAMD_ADDRESS = Pattern.compile("([A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");

    private final Map<String, String> cassandra = new LinkedHashMap<>();
    private final Map<String, String> cassandraOrigins = new LinkedHashMap<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> descriptions = new ArrayList<>();
    private Optional<String> hostname = Optional.empty();
    private Optional<ClamdAddress> clamd = Optional.empty();
    private Optional<URI> rspamd = Optional.empty();
    private RabbitMQEnvironment rabbitMQ;

    private EnvironmentConf() {
    }

    /** Reads and checks the variables; a password file is read here, so that a wrong path fails the start. */
    public static EnvironmentConf from(Map<String, String> environment) throws IOException {
        EnvironmentConf conf = new EnvironmentConf();
        Variables variables = new Variables(environment);
        variables.get(NODES).ifPresent(nodes -> conf.setCassandra("cassandra.nodes", checkNodes(nodes), NODES));
        variables.get(KEYSPACE).ifPresent(keyspace -> conf.setCassandra("cassandra.keyspace",
            check(KEYSPACE, keyspace, KEYSPACE_NAME, "a letter then up to 47 letters, digits or '_'"), KEYSPACE));
        variables.get(REPLICATION_STRATEGY).ifPresent(strategy -> conf.setCassandra("cassandra.replication.strategy",
            checkStrategy(strategy), REPLICATION_STRATEGY));
        variables.get(REPLICATION_FACTOR).ifPresent(factor -> conf.setCassandra("cassandra.replication.factor",
            checkPositive(REPLICATION_FACTOR, factor), REPLICATION_FACTOR));
        variables.get(LOCAL_DC).ifPresent(dc -> conf.setCassandra("cassandra.local.dc",
            check(LOCAL_DC, dc, DATACENTER, "a data center name (letters, digits, '.', '_', '-')"), LOCAL_DC));
        variables.get(USER).ifPresent(user -> conf.setCassandra("cassandra.user",
            check(USER, user, USER_NAME, "a user name without blanks or backslashes"), USER));
        Optional<String> password = secret(variables, PASSWORD, PASSWORD_FILE);
        password.ifPresent(secret -> {
            conf.systemProperties.put(PASSWORD_PROPERTY, secret);
            conf.cassandra.put("cassandra.password", "${sys:" + PASSWORD_PROPERTY + "}");
            conf.cassandraOrigins.put("cassandra.password", variables.get(PASSWORD).isPresent() ? PASSWORD : PASSWORD_FILE);
            conf.descriptions.add("cassandra.password from " + conf.cassandraOrigins.get("cassandra.password"));
        });
        conf.hostname = variables.get(HOSTNAME).map(name -> check(HOSTNAME, name, DNS_NAME, "a DNS host name"));
        conf.hostname.ifPresent(name -> conf.descriptions.add("helloName of every protocol server = " + name
            + " (" + HOSTNAME + ")"));
        conf.clamd = variables.get(CLAMD).map(EnvironmentConf::checkClamd);
        conf.clamd.ifPresent(address -> conf.descriptions.add("clamd = " + address + " (" + CLAMD + ")"));
        conf.rspamd = variables.get(RSPAMD_URL).map(EnvironmentConf::checkRspamd);
        conf.rspamd.ifPresent(url -> conf.descriptions.add("rspamd = " + url + " (" + RSPAMD_URL + ")"));
        String rabbitMQPasswordOrigin = variables.get(RabbitMQEnvironment.PASSWORD).isPresent()
            ? RabbitMQEnvironment.PASSWORD : RabbitMQEnvironment.PASSWORD_FILE;
        conf.rabbitMQ = RabbitMQEnvironment.from(variables::get,
            secret(variables, RabbitMQEnvironment.PASSWORD, RabbitMQEnvironment.PASSWORD_FILE), rabbitMQPasswordOrigin);
        conf.systemProperties.putAll(conf.rabbitMQ.systemProperties());
        conf.descriptions.addAll(conf.rabbitMQ.describe());
        return conf;
    }

    /** The text {@code fileName} (a file of {@code conf/}) should have in the container's copy. */
    public String apply(String fileName, String text) {
        String result = text;
        if (fileName.equals(CASSANDRA_FILE)) {
            for (Map.Entry<String, String> setting : cassandra.entrySet()) {
                result = PropertiesText.set(result, setting.getKey(), setting.getValue(),
                    cassandraOrigins.get(setting.getKey()));
            }
        }
        if (fileName.equals(RabbitMQEnvironment.FILE)) {
            result = rabbitMQ.apply(result);
        }
        if (fileName.endsWith(".xml")) {
            result = applyToXml(result);
        }
        return result;
    }

    private String applyToXml(String xml) {
        String result = xml;
        if (hostname.isPresent()) {
            result = HelloNameText.set(result, hostname.get());
        }
        if (clamd.isPresent()) {
            Optional<ClamdAddress> configured = LocalScannerConf.clamd(result);
            if (configured.isPresent()) {
                result = LocalScannerConf.pointClamdAt(result, configured.get(), clamd.get());
            }
        }
        if (rspamd.isPresent()) {
            Optional<URI> configured = LocalScannerConf.rspamd(result);
            if (configured.isPresent()) {
                result = LocalScannerConf.pointRspamdAt(result, configured.get(), rspamd.get());
            }
        }
        return result;
    }

    /** Files to write even when {@code conf/} has none (then {@link #apply} gets an empty text). */
    public Set<String> filesToCreate() {
        Set<String> files = new TreeSet<>();
        if (!cassandra.isEmpty()) {
            files.add(CASSANDRA_FILE);
        }
        if (rabbitMQ.joinsCluster()) {
            files.add(RabbitMQEnvironment.FILE);
        }
        return Set.copyOf(files);
    }

    /** System properties the rewritten files refer to; set them before the server reads its configuration. */
    public Map<String, String> systemProperties() {
        return Map.copyOf(systemProperties);
    }

    /** One line per setting taken from the environment, for the log; never a secret. */
    public List<String> describe() {
        return List.copyOf(descriptions);
    }

    private void setCassandra(String key, String value, String variable) {
        cassandra.put(key, value);
        cassandraOrigins.put(key, variable);
        descriptions.add(key + " = " + value + " (" + variable + ")");
    }

    /** A secret from the variable {@code inlineName}, or from the file that {@code fileName} names. */
    private static Optional<String> secret(Variables variables, String inlineName, String fileName) throws IOException {
        Optional<String> inline = variables.unstripped(inlineName);
        Optional<String> file = variables.get(fileName);
        if (inline.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException(inlineName + " and " + fileName + " are both set: use one");
        }
        if (file.isPresent()) {
            String content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
            // Secret files usually end with a newline that is not part of the password.
            String password = content.replaceFirst("\\R\\z", "");
            if (password.isEmpty()) {
                throw new IllegalArgumentException(fileName + " names an empty file: " + file.get());
            }
            return Optional.of(password);
        }
        return inline;
    }

    /** {@code value} if it matches {@code pattern}; else a refusal naming the variable and what it expects. */
    static String check(String variable, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(variable + " must be " + expected + ", not '" + value + "'");
        }
        return value;
    }

    private static String checkNodes(String nodes) {
        String normalized = String.join(",", nodes.split("\\s*,\\s*"));
        for (String node : normalized.split(",")) {
            check(NODES, node, NODE, "host or host:port entries separated by commas");
        }
        return normalized;
    }

    private static String checkStrategy(String strategy) {
        try {
            return CassandraSettings.ReplicationStrategy.valueOf(strategy).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REPLICATION_STRATEGY + " must be SimpleStrategy or NetworkTopologyStrategy, not '"
                + strategy + "'", e);
        }
    }

    private static String checkPositive(String variable, String value) {
        try {
            if (Integer.parseInt(value) >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from 1, not '" + value + "'");
    }

    private static ClamdAddress checkClamd(String value) {
        check(CLAMD, value, CLAMD_ADDRESS, "host:port");
        int colon = value.lastIndexOf(':');
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(CLAMD + " has no valid port: '" + value + "'");
        }
        return new ClamdAddress(value.substring(0, colon), port);
    }

    private static URI checkRspamd(String value) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
                    && !value.contains("<") && !value.contains("&")) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(RSPAMD_URL + " must be an http:// or https:// URL such as http://rspamd:11333,"
            + " not '" + value + "'");
    }

    /** The environment with blank values counted as unset. */
    private record Variables(Map<String, String> environment) {
        Optional<String> get(String name) {
            return unstripped(name).map(String::strip);
        }

        /** For secrets, whose blanks may be meant. */
        Optional<String> unstripped(String name) {
            return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
        }
    }
}
