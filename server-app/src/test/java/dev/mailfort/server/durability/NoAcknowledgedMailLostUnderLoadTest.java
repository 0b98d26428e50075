/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.server.testing.MailfortProcess;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.cassandra.CassandraExtension;

/**
 * RFC 5321 §6.1 under fire: parallel SMTP clients send without pause while the server is killed with SIGKILL several
 * times, then stopped gracefully once, and restarted each time on the same working directory. Every Message-ID that
 * got a 250 must end up in a mailbox (at least once; twice is tolerated, as the RFC prefers duplicates to loss).
 *
 * <p>The CI run is short; the soak run is the same test with more and longer rounds:
 * {@code mvn -pl server-app -am test -Dtest=NoAcknowledgedMailLostUnderLoadTest -Dmailfort.soak.kills=10
 * -Dmailfort.soak.seconds=60}. The counts are printed at the end.
 */
class NoAcknowledgedMailLostUnderLoadTest {
    private static final String DOMAIN = "example.com";
    private static final String PASSWORD = "load-Secret-42";
    private static final List<String> USERS = List.of("ann", "ben", "cid", "dot");
    private static final int CLIENTS = 6;

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    Path root;

    @Test
    void everyAcknowledgedMessageIsDeliveredThroughKillsAndAGracefulStop() throws Exception {
        int kills = Integer.getInteger("mailfort.soak.kills", 3);
        Duration round = Duration.ofSeconds(Integer.getInteger("mailfort.soak.seconds", 8));
        TestWorkingDirectory directory = TestWorkingDirectory.create(root, cassandra.endpoint(), cassandra.keyspace(),
            MailfortServerExtension.runningScanners());
        List<String> recipients = USERS.stream().map(user -> user + "@" + DOMAIN).toList();

        MailfortProcess server = MailfortProcess.start(directory);
        try {
            WebAdminClient webAdmin = new WebAdminClient(directory.port(8000));
            webAdmin.addDomain(DOMAIN);
            recipients.forEach(address -> webAdmin.addUser(address, PASSWORD));

            SmtpLoad load = SmtpLoad.start(() -> directory.port(25), recipients, CLIENTS, "run" + System.nanoTime());
            try {
                for (int kill = 1; kill <= kills; kill++) {
                    Thread.sleep(round.toMillis());
                    server.kill();
                    server = MailfortProcess.start(directory);
                }
                Thread.sleep(round.toMillis());
                boolean stoppedInTime = server.stopGracefully(Duration.ofSeconds(60));
                assertThat(stoppedInTime).as("graceful stop within the container's stop timeout").isTrue();
                server = MailfortProcess.start(directory);
                Thread.sleep(round.toMillis());
            } finally {
                load.close();
            }

            Set<String> acknowledged = load.acknowledged();
            assertThat(acknowledged).as("the load reached the server").isNotEmpty();
            AtomicReference<Map<String, Integer>> lastRead = new AtomicReference<>(Map.of());
            Map<String, Integer> delivered;
            try {
                delivered = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                    .ignoreExceptions()
                    .until(() -> {
                        Map<String, Integer> read = DeliveredMessages.read(directory.port(993), recipients, PASSWORD).countByMessageId();
                        lastRead.set(read);
                        return read;
                    }, found -> found.keySet().containsAll(acknowledged));
            } catch (ConditionTimeoutException e) {
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(lastRead.get().keySet());
                throw new AssertionError(missing.size() + " of " + acknowledged.size() + " acknowledged messages not delivered"
                    + " within 4 minutes: " + missing + "\nWhat the servers logged about them:\n" + logLinesAbout(root, missing), e);
            }

            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(delivered.keySet());
            long duplicated = delivered.values().stream().filter(count -> count > 1).count();
            System.out.printf("Crash-under-load: %d kills + 1 graceful stop, %d transactions attempted, %d acknowledged,"
                    + " %d delivered (distinct), %d lost, %d duplicated%n", kills, load.attempted(),
                acknowledged.size(), delivered.size(), lost.size(), duplicated);
            assertThat(lost).as("acknowledged but never delivered").isEmpty();
            assertThat(delivered.values()).as("delivered more than twice").allMatch(count -> count <= 2);
        } finally {
            server.close();
        }
    }

    /** The lines of every server process's log (one per start) that name one of the messages, in start order. */
    private static String logLinesAbout(Path root, Set<String> messageIds) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path log : files.filter(file -> file.getFileName().toString().startsWith("process-")).sorted().toList()) {
                lines.add("== " + log.getFileName());
                for (String line : Files.readAllLines(log)) {
                    if (messageIds.stream().anyMatch(line::contains)) {
                        lines.add(line);
                    }
                }
            }
        }
        return String.join("\n", lines.subList(0, Math.min(lines.size(), 400)));
    }
}
