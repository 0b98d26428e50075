/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code java} command that runs a local node, built from the same JVM that runs the caller. */
final class CassandraCommandLine {
    /**
     * What Cassandra's own {@code jvm17-server.options} opens up: it reaches into JDK internals (direct buffers,
     * RMI for JMX, class loading for UDFs...) and fails at start on JDK 17 without them.
     */
    static final List<String> JDK17_MODULE_OPTIONS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
        "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
        "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
        "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.math=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private CassandraCommandLine() {
    }

    /**
     * The class path is not on the command line but in the {@code CLASSPATH} variable (see {@link #environment}):
     * with its hundred jars the command line would pass 4 KiB, the most the JDK reads of another process's command
     * line, and {@link ProcessHandle.Info#arguments()} of the node would then come back empty.
     */
    static List<String> build(LocalCassandraSettings settings, CassandraFiles files, long parentPid) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("-Xms" + settings.heap());
        command.add("-Xmx" + settings.heap());
        // Cassandra's advice: a node that ran out of memory may write corrupt data if it carries on.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Djava.rmi.server.hostname=" + settings.address());
        command.add("-Dcassandra.config=" + files.configFile().toUri());
        command.add("-Dlogback.configurationFile=" + files.logbackFile().toUri());
        command.add("-Dcassandra.storagedir=" + files.root());
        command.add("-Dcassandra.logdir=" + files.logDirectory());
        command.add("-Dcassandra.triggers_dir=" + files.triggersDirectory());
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra.jmx.local.port=" + settings.jmxPort());
        // A single node has nobody to gossip with, and the nodes of a local cluster start one at a time, each once
        // the one before serves clients: waiting for gossip to settle only delays the start.
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        settings.ringDelay().ifPresent(delay -> command.add("-Dcassandra.ring_delay_ms=" + delay.toMillis()));
        if (settings.disposable()) {
            command.add("-Dcassandra.unsafesystem=true");
        }
        if (!settings.cassandraSettings().isEmpty()) {
            command.add("-Dcassandra.config.allow_system_properties=true");
            settings.cassandraSettings().forEach((name, value) -> command.add("-Dcassandra.settings." + name + "=" + value));
        }
        command.add("-D" + CassandraChildMain.PARENT_PID_PROPERTY + "=" + parentPid);
        command.addAll(JDK17_MODULE_OPTIONS);
        command.add(CassandraChildMain.class.getName());
        return command;
    }

    static void environment(Map<String, String> environment, String classPath) {
        environment.put("CLASSPATH", classPath);
        // Options meant for the caller's JVM (a debugger agent, a test heap size) must not reach the node's.
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("_JAVA_OPTIONS");
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
