/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CassandraCommandLineTest {
    private final CassandraFiles files = new CassandraFiles(Path.of("/tmp/node"));
    private final LocalCassandraSettings.Builder settings = LocalCassandraSettings.builder(files.root())
        .nativePort(29042)
        .storagePort(27000)
        .jmxPort(27199)
        .heap("768m");

    @Test
    void runsTheChildMainFromThisJdk() {
        List<String> command = CassandraCommandLine.build(settings.build(), files, 42);

        assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command.get(command.size() - 1)).isEqualTo(CassandraChildMain.class.getName());
    }

    @Test
    void staysShortEnoughForTheJdkToReadItBack() {
        List<String> command = CassandraCommandLine.build(settings.build(), new CassandraFiles(
            Path.of("/home/someone/a/rather/long/path/to/the/mailfort/checkout/target/local-run/cassandra")), 42);

        assertThat(String.join(" ", command)).hasSizeLessThan(4096 - 1024);
    }

    @Test
    void givesTheClassPathThroughTheEnvironmentWithoutTheCallersJvmOptions() {
        Map<String, String> environment = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=...", "HOME", "/root"));

        CassandraCommandLine.environment(environment, "/a.jar:/b.jar");

        assertThat(environment).containsEntry("CLASSPATH", "/a.jar:/b.jar")
            .containsEntry("HOME", "/root")
            .doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void passesHeapConfigurationPortsAndParent() {
        List<String> command = CassandraCommandLine.build(settings.build(), files, 42);

        assertThat(command).contains(
            "-Xms768m",
            "-Xmx768m",
            "-Dcassandra.config=file:///tmp/node/conf/cassandra.yaml",
            "-Dlogback.configurationFile=file:///tmp/node/conf/logback.xml",
            "-Dcassandra.jmx.local.port=27199",
            "-Dcassandra-foreground=yes",
            "-Dmailfort.cassandra.parent-pid=42");
    }

    @Test
    void opensTheJdkInternalsCassandraNeeds() {
        List<String> command = CassandraCommandLine.build(settings.build(), files, 42);

        assertThat(command).containsSequence("--add-opens", "java.base/java.nio=ALL-UNNAMED")
            .containsSequence("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");
    }

    @Test
    void ringDelayIsCassandrasUnlessSet() {
        assertThat(CassandraCommandLine.build(settings.build(), files, 42))
            .noneMatch(argument -> argument.startsWith("-Dcassandra.ring_delay_ms="));
        assertThat(CassandraCommandLine.build(settings.ringDelay(Duration.ofSeconds(5)).build(), files, 42))
            .contains("-Dcassandra.ring_delay_ms=5000");
    }

    @Test
    void onlyDisposableNodesSkipSystemTableFlushes() {
        assertThat(CassandraCommandLine.build(settings.build(), files, 42))
            .doesNotContain("-Dcassandra.unsafesystem=true");
        assertThat(CassandraCommandLine.build(settings.disposable(true).build(), files, 42))
            .contains("-Dcassandra.unsafesystem=true");
    }

    @Test
    void cassandraSettingsBecomeSystemPropertiesCassandraIsAllowedToRead() {
        assertThat(CassandraCommandLine.build(settings.build(), files, 42))
            .noneMatch(argument -> argument.startsWith("-Dcassandra.settings.")
                || argument.startsWith("-Dcassandra.config.allow_system_properties"));

        List<String> command = CassandraCommandLine.build(
            settings.cassandraSetting("concurrent_reads", "8").cassandraSetting("concurrent_writes", "8").build(), files, 42);

        assertThat(command).contains("-Dcassandra.config.allow_system_properties=true",
            "-Dcassandra.settings.concurrent_reads=8", "-Dcassandra.settings.concurrent_writes=8");
        assertThat(command.indexOf("-Dcassandra.settings.concurrent_reads=8"))
            .as("options go before the main class").isLessThan(command.indexOf(CassandraChildMain.class.getName()));
    }
}
