/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * Pipelined IMAP commands sent in one write, including APPEND with a non-synchronizing literal ({@code {n+}},
 * RFC 7888 LITERAL+): every command runs exactly once and is answered exactly once (issue 12, item 1).
 */
class ImapPipeliningTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "pipelining", "example.com");
    }

    @Test
    void batchEndingWithLiteralPlusAppendRunsTheEarlierCommandsOnce() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            appendOneByOne(imap, "one", "two", "three");
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");

            imap.send("a STORE 1 +FLAGS.SILENT (\\Deleted)\r\n"
                + "b EXPUNGE\r\n"
                + "c APPEND INBOX {" + length(message("four")) + "+}\r\n" + message("four"));
            List<String> answers = answersUpTo(imap, "c ");

            assertThat(taggedLines(answers, "a ", "b ", "c ")).as("everything the server answered: %s", answers).satisfiesExactly(
                line -> assertThat(line).isEqualTo("a OK STORE completed."),
                line -> assertThat(line).isEqualTo("b OK EXPUNGE completed."),
                line -> assertThat(line).startsWith("c OK [APPENDUID ").endsWith("] APPEND completed."));
            assertThat(answers).containsOnlyOnce("* 1 EXPUNGE");
            assertThat(subjects(imap)).containsExactly("two", "three", "four");
        }
    }

    @Test
    void commandsAfterTheLiteralInTheSameWriteRunOnce() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            appendOneByOne(imap, "one", "two");
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");

            imap.send("a APPEND INBOX {" + length(message("three")) + "+}\r\n" + message("three") + "\r\n"
                + "b STORE 1 +FLAGS.SILENT (\\Deleted)\r\n"
                + "c EXPUNGE");
            List<String> answers = answersUpTo(imap, "c ");

            assertThat(taggedLines(answers, "a ", "b ", "c ")).as("everything the server answered: %s", answers).satisfiesExactly(
                line -> assertThat(line).startsWith("a OK [APPENDUID ").endsWith("] APPEND completed."),
                line -> assertThat(line).isEqualTo("b OK STORE completed."),
                line -> assertThat(line).isEqualTo("c OK EXPUNGE completed."));
            assertThat(answers).containsOnlyOnce("* 1 EXPUNGE");
            assertThat(subjects(imap)).containsExactly("two", "three");
        }
    }

    @Test
    void literalPlusAppendWhoseLiteralArrivesInALaterWriteRunsOnce() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            assertThat(imap.imap("S1", "SELECT INBOX")).startsWith("S1 OK [READ-WRITE] ");
            String second = message("two");
            int firstLineEnd = second.indexOf("\r\n");

            // Each send ends with CRLF: here the first write stops right after the first line of the second
            // literal, and the second write brings the rest of the literal and the CRLF that ends the APPEND.
            imap.send("a APPEND INBOX {" + length(message("one")) + "+}\r\n" + message("one") + "\r\n"
                + "b NOOP\r\n"
                + "c APPEND INBOX {" + length(second) + "+}\r\n" + second.substring(0, firstLineEnd));
            List<String> answers = new ArrayList<>(imap.readUntil("b "));
            imap.send(second.substring(firstLineEnd + 2));
            answers.addAll(answersUpTo(imap, "c "));

            assertThat(taggedLines(answers, "a ", "b ", "c ")).as("everything the server answered: %s", answers).satisfiesExactly(
                line -> assertThat(line).startsWith("a OK [APPENDUID ").endsWith("] APPEND completed."),
                line -> assertThat(line).isEqualTo("b OK NOOP completed."),
                line -> assertThat(line).startsWith("c OK [APPENDUID ").endsWith("] APPEND completed."));
            assertThat(subjects(imap)).containsExactly("one", "two");
        }
    }

    @Test
    void severalLiteralPlusAppendsInOneWriteStoreEachMessageOnce() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            StringBuilder batch = new StringBuilder();
            for (String subject : List.of("one", "two", "three")) {
                batch.append("a-").append(subject).append(" APPEND INBOX {").append(length(message(subject)))
                    .append("+}\r\n").append(message(subject)).append("\r\n");
            }
            batch.append("b STATUS INBOX (MESSAGES)");
            imap.send(batch.toString());

            List<String> answers = answersUpTo(imap, "b ");

            assertThat(taggedLines(answers, "a-", "b ")).as("everything the server answered: %s", answers).hasSize(4).allMatch(line -> line.contains(" OK "));
            assertThat(answers).contains("* STATUS \"INBOX\" (MESSAGES 3)");
        }
    }

    /** Messages put in place by classic APPENDs, each waiting for the server's "+" before its literal. */
    private static void appendOneByOne(LineDialogue imap, String... subjects) {
        int n = 0;
        for (String subject : subjects) {
            String tag = "P" + ++n;
            assertThat(imap.send(tag + " APPEND INBOX {" + length(message(subject)) + "}").readLine()).startsWith("+ ");
            List<String> answer = imap.send(message(subject)).readUntil(tag + " ");
            assertThat(answer.get(answer.size() - 1)).startsWith(tag + " OK ");
        }
    }

    /**
     * Everything the server said up to the tagged answer with the given tag prefix, then up to the answer of a NOOP
     * sent after it: a command that ran twice answers twice before the NOOP does, since a session's commands are
     * answered in order.
     */
    private static List<String> answersUpTo(LineDialogue imap, String tagPrefix) {
        List<String> answers = new ArrayList<>(imap.readUntil(tagPrefix));
        answers.addAll(imap.send("z NOOP").readUntil("z "));
        return answers;
    }

    private static List<String> taggedLines(List<String> answers, String... tagPrefixes) {
        return answers.stream()
            .filter(line -> List.of(tagPrefixes).stream().anyMatch(line::startsWith))
            .toList();
    }

    private static List<String> subjects(LineDialogue imap) {
        return ImapSessions.exchange(imap, "F1", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])").stream()
            .filter(line -> line.startsWith("Subject: "))
            .map(line -> line.substring("Subject: ".length()))
            .toList();
    }

    private static String message(String subject) {
        return "From: sender@example.org\r\nTo: someone@example.com\r\nSubject: " + subject + "\r\n\r\nBody of "
            + subject + "\r\n";
    }

    private static int length(String literal) {
        return literal.getBytes(StandardCharsets.US_ASCII).length;
    }
}
