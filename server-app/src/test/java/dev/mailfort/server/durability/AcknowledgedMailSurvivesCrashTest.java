/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import javax.mail.Folder;
import javax.mail.Store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.server.testing.HoldMailForever;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortProcess;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.cassandra.CassandraExtension;

/**
 * RFC 5321 §6.1: once the server has answered 250 to the end of DATA, it owns the message. We freeze the pipeline
 * right after the spool, accept a mail, kill the server with SIGKILL, and check that a restarted server delivers it.
 */
class AcknowledgedMailSurvivesCrashTest {
    private static final String ROOT_PROCESSOR = "<processor state=\"root\" enableJmx=\"true\">";

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    Path root;

    @Test
    void mailAcknowledgedWhileThePipelineIsStoppedIsDeliveredAfterAKill() throws Exception {
        TestWorkingDirectory directory = TestWorkingDirectory.create(root, cassandra.endpoint(), cassandra.keyspace(),
            MailfortServerExtension.runningScanners());
        String productionPipeline = directory.readConf("mailetcontainer.xml");
        assertThat(productionPipeline).contains(ROOT_PROCESSOR);
        directory.replaceConf("mailetcontainer.xml", productionPipeline.replace(ROOT_PROCESSOR,
            ROOT_PROCESSOR + "<mailet match=\"All\" class=\"" + HoldMailForever.class.getName() + "\"/>"));

        try (MailfortProcess frozen = MailfortProcess.start(directory)) {
            WebAdminClient webAdmin = new WebAdminClient(directory.port(8000));
            webAdmin.addDomain("example.com");
            webAdmin.addUser("carol@example.com", "carol-Secret-42");

            try (LineDialogue smtp = LineDialogue.connect(directory.port(25))) {
                smtp.readSmtpReply();
                smtp.smtp("EHLO mail.sender.example");
                assertThat(smtp.smtp("MAIL FROM:<dave@sender.example>")).startsWith("250 ");
                assertThat(smtp.smtp("RCPT TO:<carol@example.com>")).startsWith("250 ");
                assertThat(smtp.smtp("DATA")).startsWith("354 ");
                // A complete header: rspamd (asked before the 250) greylists mail without From, To or Date.
                smtp.send("From: Dave <dave@sender.example>").send("To: <carol@example.com>")
                    .send("Date: Thu, 26 Nov 2026 10:00:00 +0000").send("Subject: must not be lost")
                    .send("Message-ID: <crash-1@sender.example>").send("").send("body");
                assertThat(smtp.smtp(".")).startsWith("250 ");
            }
            try (Store store = MailClients.imaps(directory.port(993), "carol@example.com", "carol-Secret-42")) {
                assertThat(store.getFolder("INBOX").getMessageCount()).as("held by the frozen pipeline").isZero();
            }
            frozen.kill();
        }

        directory.replaceConf("mailetcontainer.xml", productionPipeline);
        try (MailfortProcess restarted = MailfortProcess.start(directory);
             Store store = MailClients.imaps(directory.port(993), "carol@example.com", "carol-Secret-42")) {
            Folder inbox = store.getFolder("INBOX");
            await().atMost(Duration.ofSeconds(60)).until(() -> inbox.getMessageCount() == 1);
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getHeader("Message-ID")).containsExactly("<crash-1@sender.example>");
            inbox.close(false);
        }
    }
}
