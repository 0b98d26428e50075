/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@code cassandra.yaml} and {@code logback.xml} of a local node.
 *
 * <p>The YAML holds only what differs from Cassandra's built-in defaults or what Cassandra requires; anything
 * left out keeps the default of the Cassandra release on the class path.
 */
final class CassandraConfigFiles {
    private CassandraConfigFiles() {
    }

    static void write(LocalCassandraSettings settings, CassandraFiles files) throws IOException {
        Files.writeString(files.configFile(), cassandraYaml(settings, files), StandardCharsets.UTF_8);
        Files.writeString(files.logbackFile(), logbackXml(), StandardCharsets.UTF_8);
    }

    static String cassandraYaml(LocalCassandraSettings settings, CassandraFiles files) {
        String address = settings.address();
        StringBuilder yaml = new StringBuilder()
            .append("# Written by mailfort-cassandra-runner on every start: edits are lost.\n")
            .append("cluster_name: ").append(quoted(LocalCassandraSettings.CLUSTER_NAME)).append('\n')
            .append("num_tokens: 16\n")
            .append("partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n")
            .append("data_file_directories:\n")
            .append("  - ").append(quoted(files.dataDirectory())).append('\n')
            .append("commitlog_directory: ").append(quoted(files.commitLogDirectory())).append('\n')
            .append("hints_directory: ").append(quoted(files.hintsDirectory())).append('\n')
            .append("saved_caches_directory: ").append(quoted(files.savedCachesDirectory())).append('\n')
            .append("cdc_raw_directory: ").append(quoted(files.cdcDirectory())).append('\n')
            .append("commitlog_sync: periodic\n")
            .append("commitlog_sync_period: 10000ms\n")
            .append("seed_provider:\n")
            .append("  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n")
            .append("    parameters:\n")
            // The port matters: without it the node would look for a seed on 7000, maybe another node's.
            .append("      - seeds: \"").append(String.join(",", settings.seeds())).append("\"\n")
            .append("listen_address: ").append(address).append('\n')
            .append("rpc_address: ").append(address).append('\n')
            .append("storage_port: ").append(settings.storagePort()).append('\n')
            .append("native_transport_port: ").append(settings.nativePort()).append('\n')
            .append("start_native_transport: true\n")
            .append("endpoint_snitch: SimpleSnitch\n")
            .append("authenticator: AllowAllAuthenticator\n")
            .append("authorizer: AllowAllAuthorizer\n");
        if (settings.disposable()) {
            yaml.append("auto_snapshot: false\n");
        }
        if (!settings.autoBootstrap()) {
            yaml.append("auto_bootstrap: false\n");
        }
        if (!settings.waitForPeers()) {
            // A negative timeout turns the check off; 0 would still run it and log a timeout.
            yaml.append("block_for_peers_timeout_in_secs: -1\n");
        }
        return yaml.toString();
    }

    /**
     * Without a configuration Logback logs everything at DEBUG, which slows the node down and floods its log.
     * Cassandra's console goes to the log file, so one console appender is all it needs.
     */
    static String logbackXml() {
        return """
            <configuration scan="false">
              <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="CONSOLE"/>
              </root>
            </configuration>
            """;
    }

    private static String quoted(Path path) {
        return quoted(path.toString());
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
