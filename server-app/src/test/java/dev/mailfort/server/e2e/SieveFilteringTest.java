/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.ManageSieveSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * Users' own Sieve filters: uploaded over ManageSieve (port 4190, authentication only after STARTTLS) or by an
 * administrator through WebAdmin, then applied at delivery, so that matching mail lands in the folder the script
 * names. Spam stays in Junk whatever the script says; scripts can sort the rest on rspamd's X-Spam-* fields.
 */
class SieveFilteringTest {
    private static final String DOMAIN = "example.com";
    private static final String ENCRYPT_NEEDED =
        "NO (ENCRYPT-NEEDED) \"Authentication is only allowed over TLS: use STARTTLS first\"";
    private static final String LISTS_SCRIPT = """
        require ["fileinto"];
        if header :contains "Subject" "[lists]" {
            fileinto "Lists";
        }
        """;

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private final InternetSender internet = new InternetSender(server);

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @Test
    void greetingOffersStartTlsAndNoSaslMechanismBeforeTls() {
        try (LineDialogue sieve = LineDialogue.connect(server.port(4190))) {
            List<String> greeting = ManageSieveSessions.connect(sieve);

            assertThat(greeting).contains("\"STARTTLS\"", "\"SASL\" \"\"").last().isEqualTo("OK");
            assertThat(ManageSieveSessions.command(sieve, "CAPABILITY")).contains("\"SASL\" \"\"");
        }
    }

    @Test
    void authenticateBeforeStartTlsIsRefusedWithEncryptNeeded() {
        MailUser user = MailUser.create(server, "plain", DOMAIN);
        try (LineDialogue sieve = LineDialogue.connect(server.port(4190))) {
            ManageSieveSessions.connect(sieve);

            assertThat(ManageSieveSessions.authenticate(sieve, user.address(), user.password())).isEqualTo(ENCRYPT_NEEDED);
            assertThat(ManageSieveSessions.command(sieve, "AUTHENTICATE \"PLAIN\""))
                .containsExactly(ENCRYPT_NEEDED);
            // Nothing was authenticated: a command that needs a user is still refused.
            assertThat(ManageSieveSessions.command(sieve, "LISTSCRIPTS")).containsExactly("NO");
        }
    }

    @Test
    void afterStartTlsThePlainMechanismIsOfferedAndAccepted() {
        MailUser user = MailUser.create(server, "tls", DOMAIN);
        try (LineDialogue sieve = LineDialogue.connect(server.port(4190))) {
            ManageSieveSessions.connect(sieve);

            assertThat(ManageSieveSessions.startTls(sieve)).contains("\"SASL\" \"PLAIN\"").last().isEqualTo("OK");
            assertThat(ManageSieveSessions.command(sieve, "CAPABILITY")).contains("\"SASL\" \"PLAIN\"").last().isEqualTo("OK");
            assertThat(ManageSieveSessions.authenticate(sieve, user.address(), user.password())).isEqualTo("OK");
        }
    }

    @Test
    void scriptUploadedOverManageSieveFilesMatchingMailIntoItsFolder() throws Exception {
        MailUser user = MailUser.create(server, "carol", DOMAIN);
        try (LineDialogue sieve = authenticatedManageSieve(user)) {
            assertThat(ManageSieveSessions.putScript(sieve, "lists", LISTS_SCRIPT)).isEqualTo("OK");
            assertThat(ManageSieveSessions.last(ManageSieveSessions.command(sieve, "SETACTIVE \"lists\""))).isEqualTo("OK");
            assertThat(ManageSieveSessions.command(sieve, "LISTSCRIPTS")).containsExactly("\"lists\" ACTIVE", "OK");
        }

        internet.send("news@sender.example", user.address(), message(user, "[lists] Weekly digest"));
        internet.send("friend@sender.example", user.address(), message(user, "Dinner on Friday"));

        MailboxCounts.awaitMessageCount(server, user, "Lists", 1);
        MailboxCounts.awaitMessageCount(server, user, "INBOX", 1);
        assertThat(subjectsInFolderOverImap(user, "Lists")).containsExactly("[lists] Weekly digest");
    }

    @Test
    void scriptActivatedRightAfterAMessageArrivedFiltersTheNextOne() throws Exception {
        MailUser user = MailUser.create(server, "frank", DOMAIN);
        // This delivery learnt that the user has no script, which the server keeps a few seconds.
        internet.send("news@sender.example", user.address(), message(user, "[lists] Before the script"));
        MailboxCounts.awaitMessageCount(server, user, "INBOX", 1);

        try (LineDialogue sieve = authenticatedManageSieve(user)) {
            assertThat(ManageSieveSessions.putScript(sieve, "lists", LISTS_SCRIPT)).isEqualTo("OK");
            assertThat(ManageSieveSessions.last(ManageSieveSessions.command(sieve, "SETACTIVE \"lists\""))).isEqualTo("OK");
        }
        internet.send("news@sender.example", user.address(), message(user, "[lists] After the script"));

        MailboxCounts.awaitMessageCount(server, user, "Lists", 1);
        assertThat(subjectsInFolderOverImap(user, "Lists")).containsExactly("[lists] After the script");
        assertThat(MailboxCounts.messageCount(server, user, "INBOX").orElse(0)).isEqualTo(1);
    }

    @Test
    void scriptPutThroughWebAdminFilesMatchingMailIntoItsFolder() throws Exception {
        MailUser user = MailUser.create(server, "dave", DOMAIN);

        assertThat(putScriptThroughWebAdmin(user, "lists", LISTS_SCRIPT).status()).isEqualTo(204);

        internet.send("news@sender.example", user.address(), message(user, "[lists] Monthly digest"));

        MailboxCounts.awaitMessageCount(server, user, "Lists", 1);
        assertThat(subjectsInFolderOverImap(user, "Lists")).containsExactly("[lists] Monthly digest");
        assertThat(MailboxCounts.messageCount(server, user, "INBOX").orElse(0)).isZero();
    }

    @Test
    void fileIntoCreatesAFolderThatDoesNotExistYet() throws Exception {
        MailUser user = MailUser.create(server, "erin", DOMAIN);
        assertThat(putScriptThroughWebAdmin(user, "projects", """
            require ["fileinto"];
            if header :contains "Subject" "Alpha" {
                fileinto "Projects.Alpha";
            }
            """).status()).isEqualTo(204);

        internet.send("partner@sender.example", user.address(), message(user, "Alpha kick-off"));

        MailboxCounts.awaitMessageCount(server, user, "Projects.Alpha", 1);
    }

    @Test
    void scriptUsingTheMailboxExtensionIsRefusedAtUpload() {
        MailUser user = MailUser.create(server, "create", DOMAIN);
        try (LineDialogue sieve = authenticatedManageSieve(user)) {
            // James 3.8.1's Sieve engine has no "mailbox" extension (RFC 5490), so no fileinto :create; plain
            // fileinto creates a missing folder anyway (fileIntoCreatesAFolderThatDoesNotExistYet).
            assertThat(ManageSieveSessions.putScript(sieve, "create", """
                require ["fileinto", "mailbox"];
                fileinto :create "Projects";
                """)).isEqualTo("NO \"Syntax Error: org.apache.jsieve.parser.generated.ParseException: Test named 'mailbox' not mapped.\"");
        }
    }

    @Test
    void spamStaysInJunkWhenTheUsersScriptFilesEverythingElsewhere() throws Exception {
        MailUser user = MailUser.create(server, "frank", DOMAIN);
        assertThat(putScriptThroughWebAdmin(user, "everything", """
            require ["fileinto"];
            fileinto "Lists";
            """).status()).isEqualTo(204);

        internet.send("newsletter@sender.example", user.address(), InboundMessage.from("Shop", "newsletter@sender.example")
            .to(user).subject("Cheap watches").build().text()
            .replace("MIME-Version: 1.0\n", "MIME-Version: 1.0\n" + RspamdTestMail.TRIGGER_HEADER + ": "
                + RspamdTestMail.ADD_HEADER_TRIGGER + "\n"));
        internet.send("friend@sender.example", user.address(), message(user, "Holiday pictures"));

        MailboxCounts.awaitMessageCount(server, user, "Junk", 1);
        MailboxCounts.awaitMessageCount(server, user, "Lists", 1);
        assertThat(subjectsInFolderOverImap(user, "Junk")).containsExactly("Cheap watches");
        assertThat(MailboxCounts.messageCount(server, user, "INBOX").orElse(0)).isZero();
    }

    @Test
    void scriptCanSortMailOnTheSpamVerdictFields() throws Exception {
        MailUser user = MailUser.create(server, "grace", DOMAIN);
        assertThat(putScriptThroughWebAdmin(user, "checked", """
            require ["fileinto"];
            if header :is "X-Spam-Action" "no action" {
                fileinto "Checked";
            }
            """).status()).isEqualTo(204);

        internet.send("friend@sender.example", user.address(), message(user, "Plain news"));

        MailboxCounts.awaitMessageCount(server, user, "Checked", 1);
    }

    private static LineDialogue authenticatedManageSieve(MailUser user) {
        LineDialogue sieve = LineDialogue.connect(server.port(4190));
        ManageSieveSessions.connect(sieve);
        ManageSieveSessions.startTls(sieve);
        assertThat(ManageSieveSessions.authenticate(sieve, user.address(), user.password())).isEqualTo("OK");
        return sieve;
    }

    private static WebAdminClient.Response putScriptThroughWebAdmin(MailUser user, String name, String script) {
        return server.webAdmin().put("/sieve/" + URLEncoder.encode(user.address(), StandardCharsets.UTF_8)
            + "/scripts/" + name + "?activate=true", script);
    }

    private static List<String> subjectsInFolderOverImap(MailUser user, String folderName) throws Exception {
        try (Store store = MailClients.imaps(server, user.address(), user.password())) {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    subjects.add(message.getSubject());
                }
                return subjects;
            } finally {
                folder.close(false);
            }
        }
    }

    private static String message(MailUser to, String subject) {
        return InboundMessage.from("Sender", "someone@sender.example").to(to).subject(subject)
            .body("Hello,\n\nSome news about " + subject + ".\n").build().text();
    }
}
