/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * Mailbox names in modified UTF-7 (RFC 3501 section 5.1.3): valid ones are kept as the client sent them, invalid
 * ones are answered {@code BAD} and the session goes on (issue 12, item 4: the connection used to be dropped).
 */
class ImapMailboxNameTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "names", "example.com");
    }

    @Test
    void createWithAnUnterminatedUtf7SequenceIsAnsweredBadAndTheSessionGoesOn() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("C1", "CREATE \"&Jjo\"")).isEqualTo("C1 BAD CREATE failed. Illegal arguments.");

            assertThat(imap.imap("N1", "NOOP")).isEqualTo("N1 OK NOOP completed.");
        }
    }

    @Test
    void selectOfALoneAmpersandIsAnsweredBadAndTheSessionGoesOn() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT \"&\"")).isEqualTo("S1 BAD SELECT failed. Illegal arguments.");

            assertThat(imap.imap("S2", "SELECT INBOX")).startsWith("S2 OK [READ-WRITE] ");
        }
    }

    @Test
    void renameToAnInvalidUtf7NameIsAnsweredBadAndLeavesTheFolder() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("C1", "CREATE Reports")).startsWith("C1 OK ").endsWith(" CREATE completed.");

            assertThat(imap.imap("R1", "RENAME Reports \"&ZeVnLIqe\"")).isEqualTo("R1 BAD RENAME failed. Illegal arguments.");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" Reports"))
                .containsExactly("* LIST (\\HasNoChildren) \".\" \"Reports\"", "L1 OK LIST completed.");
        }
    }

    @Test
    void uidCopyToAnInvalidUtf7NameIsAnsweredBadAndTheSessionGoesOn() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");

            assertThat(imap.imap("U1", "UID COPY 1:* \"&Jjo\"")).isEqualTo("U1 BAD UID failed. Illegal arguments.");

            assertThat(imap.imap("N1", "NOOP")).isEqualTo("N1 OK NOOP completed.");
        }
    }

    @Test
    void listWithAnInvalidUtf7PatternIsAnsweredBadAndTheSessionGoesOn() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("L1", "LIST \"\" \"&Jjo*\"")).isEqualTo("L1 BAD LIST failed. Illegal arguments.");

            assertThat(imap.imap("N1", "NOOP")).isEqualTo("N1 OK NOOP completed.");
        }
    }

    @Test
    void validUtf7NameIsCreatedAndListedAsTheClientSentIt() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("C1", "CREATE \"&U,BTFw-\"")).startsWith("C1 OK ").endsWith(" CREATE completed.");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" \"&U,BTFw-\""))
                .containsExactly("* LIST (\\HasNoChildren) \".\" \"&U,BTFw-\"", "L1 OK LIST completed.");
        }
    }
}
