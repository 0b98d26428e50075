/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.cassandra.runner.LocalCassandra;
import dev.mailfort.cassandra.runner.LocalCassandraSettings;
import dev.mailfort.cassandra.runner.LocalPorts;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortProcess;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.SmtpTransaction;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.cassandra.CassandraEndpoint;

/**
 * Cassandra stops while mail flows, then comes back, and the server is never restarted. Meanwhile SMTP must refuse
 * with 4xx (the sender keeps the mail) rather than answer 250 for mail it cannot store, IMAP and POP3 must answer
 * with clean errors, and the health check must say unhealthy; afterwards the server must accept and serve again.
 * Every acknowledged message must then reach the INBOX: mail caught mid-delivery by the outage is retried
 * (RequeueAfterBackendOutage) rather than parked in the error repository. Uses a Cassandra node of its own, since it
 * stops it.
 */
class CassandraOutageTest {
    private static final String DOMAIN = "example.com";
    private static final String USER = "erin@example.com";
    private static final String PASSWORD = "outage-Secret-42";

    @TempDir
    Path root;

    @Test
    void anOutageGets4xxAndCleanErrorsAndTheServerRecoversWithoutARestart() throws Exception {
        int[] ports = LocalPorts.pickFree(3);
        LocalCassandraSettings settings = LocalCassandraSettings.builder(root.resolve("cassandra"))
            .nativePort(ports[0]).storagePort(ports[1]).jmxPort(ports[2]).heap("512m").build();
        LocalCassandra cassandra = LocalCassandra.start(settings);
        TestWorkingDirectory directory = TestWorkingDirectory.create(root.resolve("server"),
            new CassandraEndpoint(cassandra.host(), cassandra.nativePort(), cassandra.localDatacenter()), "outage",
            MailfortServerExtension.runningScanners());
        // Production retries (the error processor's and local delivery's) after 30 s, then minutes; seconds keep
        // the test short.
        directory.replaceConf("mailetcontainer.xml", directory.readConf("mailetcontainer.xml")
            .replace("<delays>30s, 1m, 5m, 15m</delays>", "<delays>2s, 5s</delays>"));
        WebAdminClient webAdmin = new WebAdminClient(directory.port(8000));

        try (MailfortProcess server = MailfortProcess.start(directory)) {
            webAdmin.addDomain(DOMAIN);
            webAdmin.addUser(USER, PASSWORD);
            SmtpLoad load = SmtpLoad.start(() -> directory.port(25), List.of(USER), 3, "outage" + System.nanoTime());
            Set<String> acknowledged = new HashSet<>();
            try {
                Thread.sleep(5_000);
                cassandra.stop();

                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(webAdmin.get("/healthcheck/checks/Cassandra%20backend").status()).isEqualTo(503));
                assertThat(SmtpTransaction.replyToEndOfData(directory.port(25), "probe@sender.example", USER,
                    "<probe." + System.nanoTime() + "@sender.example>", "probe")).as("SMTP while Cassandra is down").startsWith("4");
                assertThat(imapLogin(directory)).as("IMAP while Cassandra is down").matches("a1 (NO|BAD) .*");
                assertThat(pop3Login(directory)).as("POP3 while Cassandra is down").startsWith("-ERR");
                assertThat(server.logTail()).doesNotContain("OutOfMemoryError");

                cassandra = LocalCassandra.start(settings);
                await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() ->
                    assertThat(webAdmin.get("/healthcheck/checks/Cassandra%20backend").status()).isEqualTo(200));
                assertThat(SmtpTransaction.replyToEndOfData(directory.port(25), "probe@sender.example", USER,
                    "<probe." + System.nanoTime() + "@sender.example>", "probe")).as("SMTP once Cassandra is back").startsWith("250");
                Thread.sleep(5_000);
            } finally {
                load.close();
                acknowledged.addAll(load.acknowledged());
            }

            assertThat(acknowledged).as("the load reached the server").isNotEmpty();
            Set<String> delivered = new HashSet<>();
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> {
                        delivered.clear();
                        delivered.addAll(inboxMessageIds(directory));
                        return delivered.containsAll(acknowledged);
                    });
            } catch (ConditionTimeoutException e) {
                // The assertion below names what is missing.
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(delivered);
            System.out.printf("Cassandra outage: %d transactions attempted, %d acknowledged, %d in INBOX, "
                + "%d not in INBOX: %s%n", load.attempted(), acknowledged.size(), delivered.size(), missing.size(),
                missing);
            if (!missing.isEmpty()) {
                server.logLines().stream()
                    .filter(line -> missing.stream().anyMatch(line::contains) || line.contains("Exception calling")
                        || line.contains("unreachable backend") || line.contains("consecutive times"))
                    .forEach(line -> System.out.println("server log: " + line));
            }
            assertThat(missing).as("acknowledged but not in the INBOX after the outage").isEmpty();
        } finally {
            cassandra.close();
        }
    }

    private static String imapLogin(TestWorkingDirectory directory) {
        try (LineDialogue imap = LineDialogue.connectTls(directory.port(993))) {
            imap.readLine();
            return imap.imap("a1", "LOGIN " + USER + " " + PASSWORD);
        }
    }

    private static String pop3Login(TestWorkingDirectory directory) {
        try (LineDialogue pop3 = LineDialogue.connectTls(directory.port(995))) {
            pop3.readLine();
            pop3.send("USER " + USER).readLine();
            return pop3.send("PASS " + PASSWORD).readLine();
        }
    }

    private static Set<String> inboxMessageIds(TestWorkingDirectory directory) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Store store = MailClients.imaps(directory.port(993), USER, PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                String[] header = message.getHeader("Message-ID");
                if (header != null) {
                    ids.add(header[0].trim());
                }
            }
            inbox.close(false);
        }
        return ids;
    }
}
