/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * SELECT and EXAMINE tell the client how many messages the mailbox holds even when the mailbox's Cassandra counter
 * is wrong, as it stays after an increment lost to a Cassandra time-out. The counter is changed here directly in
 * Cassandra, as such a failure leaves it; a client told one message too few would never show the newest one.
 */
class ExistsAfterCounterDriftTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final Pattern MAILBOX_ID = Pattern.compile("\\[MAILBOXID \\(([0-9a-f-]{36})\\)\\]");

    private static CqlSession cassandra;

    private MailUser user;

    @BeforeAll
    static void provisionAndConnect() {
        server.webAdmin().addDomain("example.com");
        cassandra = server.openKeyspaceSession();
    }

    @AfterAll
    static void disconnect() {
        if (cassandra != null) {
            cassandra.close();
        }
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "counted", "example.com");
    }

    @Test
    void selectCountsTheNewestMessageWhenTheCounterMissedIt() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            UUID inbox = inboxWithMessages(imap, 3);
            shiftCounter(inbox, -1);
            assertThat(ImapSessions.exchange(imap, "T1", "STATUS INBOX (MESSAGES)"))
                .as("the counter as the lost increment leaves it").contains("* STATUS \"INBOX\" (MESSAGES 2)");

            assertThat(ImapSessions.exchange(imap, "S2", "SELECT INBOX")).contains("* 3 EXISTS");
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 3 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                .anyMatch(line -> line.equals("Subject: message 3"));
        }
    }

    @Test
    void examineCountsTheNewestMessageWhenTheCounterMissedIt() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            UUID inbox = inboxWithMessages(imap, 2);
            shiftCounter(inbox, -2);

            assertThat(ImapSessions.exchange(imap, "S2", "EXAMINE INBOX")).contains("* 2 EXISTS");
        }
    }

    @Test
    void selectDoesNotAnnounceAMessageTheCounterHasTooMany() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            UUID inbox = inboxWithMessages(imap, 1);
            shiftCounter(inbox, +1);

            List<String> selected = ImapSessions.exchange(imap, "S2", "SELECT INBOX");

            assertThat(selected).contains("* 1 EXISTS").doesNotContain("* 2 EXISTS");
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1:* (UID)"))
                .containsExactly("* 1 FETCH (UID 1)", "F1 OK FETCH completed.");
        }
    }

    /** Appends the messages to INBOX, selects it and returns its id, read from the MAILBOXID of the SELECT. */
    private static UUID inboxWithMessages(LineDialogue imap, int count) {
        for (int i = 1; i <= count; i++) {
            String message = String.join("\r\n",
                "From: alice@example.org",
                "To: counted@example.com",
                "Subject: message " + i,
                "Date: Mon, 1 Jan 2024 10:00:00 +0000",
                "Message-ID: <counted-" + i + "@example.org>",
                "",
                "body " + i,
                "");
            ImapSessions.append(imap, "A" + i, "INBOX", message);
        }
        List<String> selected = ImapSessions.exchange(imap, "S1", "SELECT INBOX");
        assertThat(selected).contains("* " + count + " EXISTS");
        return selected.stream()
            .map(MAILBOX_ID::matcher)
            .filter(Matcher::find)
            .map(matcher -> UUID.fromString(matcher.group(1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no MAILBOXID in " + selected));
    }

    /**
     * Moves both counters of the mailbox, as the single statement that counts an unseen message in does: moving the
     * message count alone would leave fewer messages than unseen ones, which James notices and recomputes.
     */
    private static void shiftCounter(UUID mailboxId, long delta) {
        cassandra.execute(SimpleStatement.newInstance(
            "UPDATE mailboxCounters SET count = count + ?, unseen = unseen + ? WHERE mailboxId = ?", delta, delta,
            mailboxId));
    }
}
