/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortProcess;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.cassandra.CassandraExtension;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;

/**
 * One server node of a test cluster: its own JVM (so it can be killed), working directory and ports, sharing the
 * class's Cassandra keyspace and RabbitMQ vhost with the other nodes.
 */
final class ClusterNode implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?i)Message-ID: (<[^>]+>)");

    private final String name;
    private final TestWorkingDirectory directory;
    private MailfortProcess process;

    private ClusterNode(String name, TestWorkingDirectory directory) {
        this.name = name;
        this.directory = directory;
    }

    static ClusterNode prepare(String name, Path root, CassandraExtension cassandra, RabbitMQVhost vhost) {
        TestWorkingDirectory directory = TestWorkingDirectory.create(root, cassandra.endpoint(), cassandra.keyspace(),
            MailfortServerExtension.runningScanners());
        return on(name, directory, vhost);
    }

    /** A node on a working directory the test prepared (e.g. pointed at a Cassandra cluster of its own). */
    static ClusterNode on(String name, TestWorkingDirectory directory, RabbitMQVhost vhost) {
        ClusterConf.joinCluster(directory, vhost);
        return new ClusterNode(name, directory);
    }

    /** Starts the node and waits until it is healthy. Start nodes one after the other: the first creates the schema. */
    ClusterNode start() {
        process = MailfortProcess.start(directory);
        return this;
    }

    /** SIGKILL: the node dies without any clean-up, as in a power cut. */
    void kill() {
        process.kill();
    }

    int port(int productionPort) {
        return directory.port(productionPort);
    }

    WebAdminClient webAdmin() {
        return new WebAdminClient(directory.port(8000));
    }

    TestWorkingDirectory directory() {
        return directory;
    }

    List<String> logLines() {
        return process.logLines();
    }

    String logTail() {
        return process == null ? "(not started)" : process.logTail();
    }

    /** An IMAP session over implicit TLS (993), logged in. */
    LineDialogue imap(String user, String password) {
        LineDialogue imap = LineDialogue.connectTls(port(993));
        assertThat(imap.readLine()).startsWith("* OK");
        assertThat(imap.imap("l1", "LOGIN " + user + " " + password)).as("LOGIN on " + this).startsWith("l1 OK");
        return imap;
    }

    /** Whether STATUS counts {@code count} messages in the INBOX of a logged-in session. */
    static boolean inboxHolds(LineDialogue imap, int count) {
        return imap.send("st STATUS INBOX (MESSAGES)").readUntil("st ").stream()
            .anyMatch(line -> line.contains("(MESSAGES " + count + ")"));
    }

    /** The Message-IDs in the INBOX of a logged-in session, duplicates counted once. */
    static Set<String> inboxMessageIds(LineDialogue imap) {
        imap.send("s1 SELECT INBOX").readUntil("s1 ");
        return imap.send("f1 FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])").readUntil("f1 ").stream()
            .map(MESSAGE_ID::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .collect(Collectors.toSet());
    }

    /** Hands a message to this node's MX (port 25) and returns once it answered 250. */
    void receiveFromInternet(String mailFrom, String rcptTo, String messageId, String subject) {
        try (LineDialogue smtp = LineDialogue.connect(port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + mailFrom + ">")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + rcptTo + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            // A complete header dated now: rspamd, asked before the 250, greylists mail without From, To or Date, or
            // dated in the future.
            smtp.send("From: Dave <" + mailFrom + ">").send("To: <" + rcptTo + ">")
                .send("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).send("Subject: " + subject)
                .send("Message-ID: " + messageId).send("").send("Sent through node " + name + ".");
            assertThat(smtp.smtp(".")).as("end of DATA on node " + name).startsWith("250 ");
            smtp.smtp("QUIT");
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "node " + name;
    }
}
