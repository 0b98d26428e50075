/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.QuotaUsage;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A user's quota usage (messages and bytes, over all folders) as mail is delivered, expunged and folders deleted,
 * and the refusal once the user is at the limit: the usage is counted by a mailbox event listener, after the
 * fact, and the quota check trusts that count.
 */
class QuotaUsageTest {
    private static final Pattern SIZE = Pattern.compile("^\\* \\d+ FETCH \\(RFC822\\.SIZE (\\d+)\\)$");
    private static final Duration LISTENER_DELAY = Duration.ofSeconds(10);
    // The first retry of a local delivery comes 30 s after the failure (conf/mailetcontainer.xml).
    private static final Duration FIRST_RETRY = Duration.ofSeconds(90);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final ListAppender<ILoggingEvent> DELIVERY_FAILURES = new ListAppender<>();
    private static Logger deliveryLogger;
    private static InternetSender internet;

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
        internet = new InternetSender(server);
        deliveryLogger = (Logger) LoggerFactory.getLogger("dev.mailfort.mailets.DeliverLocallyOrRetry");
        deliveryLogger.setLevel(Level.INFO);
        DELIVERY_FAILURES.start();
        deliveryLogger.addAppender(DELIVERY_FAILURES);
    }

    @AfterAll
    static void detach() {
        deliveryLogger.detachAppender(DELIVERY_FAILURES);
    }

    @BeforeEach
    void newAccount() {
        user = MailUser.create(server, "quota", "example.com");
    }

    @Test
    void deliveredMailCountsTowardsUsageAndExpungedMailIsGivenBack() {
        internet.deliver(server, user, message("First report", "a".repeat(3000)), 1);
        internet.deliver(server, user, message("Second report", "b".repeat(500)), 2);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("s1", "SELECT INBOX")).startsWith("s1 OK ");
            List<Long> sizes = sizes(imap);
            awaitUsage(new QuotaUsage(2, sizes.get(0) + sizes.get(1)));

            expungeFirst(imap);

            awaitUsage(new QuotaUsage(1, sizes.get(1)));
        }
    }

    @Test
    void deletedFolderGivesBackTheMessagesItHeld() {
        internet.deliver(server, user, message("To be archived", "c".repeat(2000)), 1);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("s1", "SELECT INBOX")).startsWith("s1 OK ");
            long size = sizes(imap).get(0);
            assertThat(imap.imap("c1", "CREATE Old")).startsWith("c1 OK ");
            assertThat(imap.imap("c2", "COPY 1 Old")).startsWith("c2 OK ");
            awaitUsage(new QuotaUsage(2, 2 * size));

            assertThat(imap.imap("d1", "DELETE Old")).isEqualTo("d1 OK DELETE completed.");

            awaitUsage(new QuotaUsage(1, size));
        }
    }

    @Test
    void userAtTheMessageLimitIsRefusedUntilAMessageIsExpunged() {
        QuotaUsage.limitMessageCount(server, user, 1);
        internet.deliver(server, user, message("Fills the mailbox", "d".repeat(100)), 1);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("s1", "SELECT INBOX")).startsWith("s1 OK ");
            awaitUsage(new QuotaUsage(1, sizes(imap).get(0)));

            assertThat(append(imap, "a1", "Appended by the user")).startsWith("a1 NO [OVERQUOTA] ");
            assertThat(ImapSessions.exchange(imap, "q1", "GETQUOTAROOT INBOX"))
                .contains("* QUOTA #private&" + user.address() + " (MESSAGE 1 1)");

            InboundMessage waiting = message("Waits for room", "e".repeat(100));
            internet.send(waiting.envelopeSender(), user.address(), waiting.text());
            await().atMost(Duration.ofSeconds(30)).until(() -> DELIVERY_FAILURES.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .anyMatch(log -> log.contains("storing for [" + user.address() + "] failed (attempt 1)")));

            expungeFirst(imap);
        }

        // The deferred mail goes in at its next attempt, now that the usage is back under the limit.
        await().atMost(FIRST_RETRY).pollInterval(Duration.ofSeconds(1))
            .until(() -> MailboxCounts.messageCount(server, user, "INBOX").orElse(0) == 1);
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("s1", "SELECT INBOX")).startsWith("s1 OK ");
            assertThat(ImapSessions.exchange(imap, "f1", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                .anyMatch(line -> line.contains("Subject: Waits for room"));
            awaitUsage(new QuotaUsage(1, sizes(imap).get(0)));
        }
    }

    @Test
    void aLimitSetAfterMailArrivedCountsAtOnceAlthoughTheLimitsWereJustRead() {
        // This delivery read the user's limits (none), which the server keeps a few seconds.
        internet.deliver(server, user, message("Before the limit", "f".repeat(100)), 1);

        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("s1", "SELECT INBOX")).startsWith("s1 OK ");
            awaitUsage(new QuotaUsage(1, sizes(imap).get(0)));

            QuotaUsage.limitMessageCount(server, user, 1);

            assertThat(append(imap, "a1", "Over the new limit")).startsWith("a1 NO [OVERQUOTA] ");
        }
    }

    private InboundMessage message(String subject, String body) {
        return InboundMessage.from("Carol", "carol@sender.example").to(user).subject(subject).body(body + "\n").build();
    }

    private void awaitUsage(QuotaUsage expected) {
        await().atMost(LISTENER_DELAY).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(QuotaUsage.of(server, user)).isEqualTo(expected));
    }

    /** The size of each message of the selected mailbox, as the user's client sees it. */
    private static List<Long> sizes(LineDialogue imap) {
        return ImapSessions.exchange(imap, "z1", "FETCH 1:* (RFC822.SIZE)").stream()
            .map(SIZE::matcher)
            .filter(Matcher::matches)
            .map(matcher -> Long.parseLong(matcher.group(1)))
            .toList();
    }

    private static void expungeFirst(LineDialogue imap) {
        assertThat(imap.imap("x1", "STORE 1 +FLAGS.SILENT (\\Deleted)")).startsWith("x1 OK ");
        assertThat(imap.imap("x2", "EXPUNGE")).isEqualTo("x2 OK EXPUNGE completed.");
    }

    /** APPENDs a small message to the INBOX and returns the tagged answer. */
    private String append(LineDialogue imap, String tag, String subject) {
        List<String> lines = List.of("From: " + user.address(), "To: " + user.address(), "Subject: " + subject,
            "Date: Mon, 2 Mar 2026 10:15:00 +0100", "Message-ID: <" + tag + "." + user.address() + ">", "", "Draft.");
        int octets = lines.stream().mapToInt(line -> line.getBytes(StandardCharsets.US_ASCII).length + 2).sum();
        imap.send(tag + " APPEND INBOX {" + octets + "}");
        assertThat(imap.readLine()).startsWith("+");
        lines.forEach(imap::send);
        List<String> answer = imap.send("").readUntil(tag + " ");
        return answer.get(answer.size() - 1);
    }
}
