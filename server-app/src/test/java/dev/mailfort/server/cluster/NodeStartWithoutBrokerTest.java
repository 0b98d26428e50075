/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.local.FreeLoopbackPort;
import dev.mailfort.server.testing.MailfortProcess;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.testing.cassandra.CassandraExtension;

/**
 * A cluster node whose broker does not answer gives up its start and exits with an error, so that the orchestrator
 * (compose's {@code restart: unless-stopped}, a Kubernetes pod) restarts it until the broker is there, instead of
 * staying half-started, neither serving nor reported down.
 */
class NodeStartWithoutBrokerTest {
    /** About 20 s here; the bound leaves room for a slow machine, not for minutes of backoff. */
    private static final Duration GIVES_UP_WITHIN = Duration.ofMinutes(2);

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    static Path root;

    @Test
    void aNodeWhoseBrokerDoesNotAnswerExitsWithAnErrorInsteadOfHanging() {
        TestWorkingDirectory directory = TestWorkingDirectory.create(root, cassandra.endpoint(), cassandra.keyspace(),
            MailfortServerExtension.runningScanners());
        int silentPort = FreeLoopbackPort.pick();
        directory.replaceConf("rabbitmq.properties", String.join("\n",
            "uri=amqp://127.0.0.1:" + silentPort,
            "management.uri=http://127.0.0.1:" + FreeLoopbackPort.pick(),
            "management.user=guest",
            "management.password=guest",
            ""));

        try (MailfortProcess node = MailfortProcess.launch(directory)) {
            Optional<Integer> exitCode = node.awaitExit(GIVES_UP_WITHIN);

            assertThat(exitCode).as(node.logTail()).isPresent();
            assertThat(exitCode.get()).as(node.logTail()).isNotZero();
            assertThat(node.logLines()).as("the log says why")
                .anyMatch(line -> line.contains("Connection refused"));
        }
    }
}
