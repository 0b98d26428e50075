/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.mail.Flags;
import javax.mail.Folder;
import javax.mail.Store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/** What users and admins stored (domains, accounts, mail, folders, flags) is in Cassandra, not in the server. */
class RestartKeepsMailAndAccountsTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @Test
    void mailFoldersAndFlagsAreStillThereAfterARestart() throws Exception {
        server.webAdmin().addDomain("example.com");
        server.webAdmin().addUser("erin@example.com", "erin-Secret-42");
        deliver("erin@example.com", "<restart-1@sender.example>");
        try (Store store = MailClients.imaps(server, "erin@example.com", "erin-Secret-42")) {
            Folder inbox = store.getFolder("INBOX");
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox.getMessageCount() == 1);
            store.getFolder("Projects").create(Folder.HOLDS_MESSAGES);
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
            inbox.close(false);
        }

        server.restart();

        assertThat(server.webAdmin().get("/domains/example.com").status()).isEqualTo(204);
        try (Store store = MailClients.imaps(server, "erin@example.com", "erin-Secret-42")) {
            assertThat(store.getFolder("Projects").exists()).isTrue();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getHeader("Message-ID")).containsExactly("<restart-1@sender.example>");
            assertThat(inbox.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
            inbox.close(false);
        }
    }

    private static void deliver(String recipient, String messageId) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            smtp.readSmtpReply();
            smtp.smtp("EHLO mail.sender.example");
            smtp.smtp("MAIL FROM:<frank@sender.example>");
            assertThat(smtp.smtp("RCPT TO:<" + recipient + ">")).startsWith("250 ");
            smtp.smtp("DATA");
            // A complete header: rspamd (asked before the 250) greylists mail without From, To or Date.
            smtp.send("From: Frank <frank@sender.example>").send("To: <" + recipient + ">")
                .send("Date: Thu, 26 Nov 2026 10:00:00 +0000").send("Subject: kept")
                .send("Message-ID: " + messageId).send("").send("body");
            assertThat(smtp.smtp(".")).startsWith("250 ");
        }
    }
}
