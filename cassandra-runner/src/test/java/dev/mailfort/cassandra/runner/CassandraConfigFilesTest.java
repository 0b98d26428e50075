/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CassandraConfigFilesTest {
    private final CassandraFiles files = new CassandraFiles(Path.of("/var/lib/mail fort's node"));

    private LocalCassandraSettings.Builder settings() {
        return LocalCassandraSettings.builder(files.root())
            .address("127.0.0.2")
            .nativePort(29042)
            .storagePort(27000)
            .jmxPort(27199);
    }

    @Test
    void yamlBindsTheConfiguredAddressAndPorts() {
        String yaml = CassandraConfigFiles.cassandraYaml(settings().build(), files);

        assertThat(yaml).contains(
            "listen_address: 127.0.0.2\n",
            "rpc_address: 127.0.0.2\n",
            "native_transport_port: 29042\n",
            "storage_port: 27000\n",
            "seeds: \"127.0.0.2:27000\"\n");
    }

    @Test
    void yamlKeepsEveryDirectoryUnderTheNodeDirectory() {
        String yaml = CassandraConfigFiles.cassandraYaml(settings().build(), files);

        assertThat(yaml).contains(
            "  - '/var/lib/mail fort''s node/data'\n",
            "commitlog_directory: '/var/lib/mail fort''s node/commitlog'\n",
            "hints_directory: '/var/lib/mail fort''s node/hints'\n",
            "saved_caches_directory: '/var/lib/mail fort''s node/saved_caches'\n",
            "cdc_raw_directory: '/var/lib/mail fort''s node/cdc_raw'\n");
    }

    @Test
    void yamlSetsSnitchAndOpenAccess() {
        String yaml = CassandraConfigFiles.cassandraYaml(settings().build(), files);

        assertThat(yaml).contains(
            "endpoint_snitch: SimpleSnitch\n",
            "authenticator: AllowAllAuthenticator\n",
            "authorizer: AllowAllAuthorizer\n",
            "start_native_transport: true\n");
    }

    @Test
    void onlyDisposableNodesSkipSnapshots() {
        assertThat(CassandraConfigFiles.cassandraYaml(settings().build(), files)).doesNotContain("auto_snapshot");
        assertThat(CassandraConfigFiles.cassandraYaml(settings().disposable(true).build(), files))
            .contains("auto_snapshot: false\n");
    }

    @Test
    void aNodeOfAClusterListsItsSeeds() {
        String yaml = CassandraConfigFiles.cassandraYaml(
            settings().seeds(List.of("127.0.0.1:27000", "127.0.0.2:27000")).build(), files);

        assertThat(yaml).contains("seeds: \"127.0.0.1:27000,127.0.0.2:27000\"\n");
    }

    @Test
    void onlyNodesOfANewClusterSkipBootstrap() {
        assertThat(CassandraConfigFiles.cassandraYaml(settings().build(), files)).doesNotContain("auto_bootstrap");
        assertThat(CassandraConfigFiles.cassandraYaml(settings().autoBootstrap(false).build(), files))
            .contains("auto_bootstrap: false\n");
    }

    @Test
    void onlyNodesWhosePeersStartLaterSkipWaitingForThem() {
        assertThat(CassandraConfigFiles.cassandraYaml(settings().build(), files)).doesNotContain("block_for_peers");
        assertThat(CassandraConfigFiles.cassandraYaml(settings().waitForPeers(false).build(), files))
            .contains("block_for_peers_timeout_in_secs: -1\n");
    }

    @Test
    void logbackLogsAtInfoToTheConsole() {
        assertThat(CassandraConfigFiles.logbackXml())
            .contains("ch.qos.logback.core.ConsoleAppender")
            .contains("<root level=\"INFO\">");
    }
}
