/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * IMAP protocol bugs inherited from James 3.8.1 (issue 12, items 5, 2 and 3), as transcripts on 993: LIST with
 * several patterns, sections of an attached message, SEARCH on the sent date and on message sets under NOT/OR.
 */
class ImapProtocolBugsTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final String FORWARD = String.join("\r\n",
        "From: alice@example.org",
        "To: names@example.com",
        "Subject: forward",
        "Date: Mon, 1 Jan 2024 10:00:00 +0000",
        "Message-ID: <forward@example.org>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "--outer",
        "Content-Type: text/plain",
        "",
        "see below",
        "--outer",
        "Content-Type: message/rfc822",
        "",
        "From: carol@example.org",
        "Subject: inner",
        "Content-Type: multipart/alternative; boundary=\"inner\"",
        "",
        "--inner",
        "Content-Type: text/plain",
        "",
        "inner plain",
        "--inner",
        "Content-Type: text/html",
        "",
        "<p>inner html</p>",
        "--inner--",
        "",
        "--outer--",
        "");

    private static final String INNER_HEADER = "From: carol@example.org\r\nSubject: inner\r\n"
        + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n";
    private static final String INNER_TEXT = "--inner\r\nContent-Type: text/plain\r\n\r\ninner plain\r\n"
        + "--inner\r\nContent-Type: text/html\r\n\r\n<p>inner html</p>\r\n--inner--\r\n";

    /** A message whose own body is a message (no multipart around it), the encapsulated one not multipart. */
    private static final String WRAPPED = String.join("\r\n",
        "From: alice@example.org",
        "To: names@example.com",
        "Subject: wrapper",
        "Date: Mon, 1 Jan 2024 10:00:00 +0000",
        "Message-ID: <wrapper@example.org>",
        "MIME-Version: 1.0",
        "Content-Type: message/rfc822",
        "",
        "From: carol@example.org",
        "Subject: inner",
        "Content-Type: text/plain",
        "",
        "inner body",
        "");

    private static final String WRAPPED_HEADER = "From: carol@example.org\r\nSubject: inner\r\nContent-Type: text/plain\r\n\r\n";

    private MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain("example.com");
    }

    @BeforeEach
    void newMailbox() {
        user = MailUser.create(server, "names", "example.com");
    }

    // Item 5: LIST-EXTENDED (RFC 5258 section 3) allows a parenthesised list of patterns.

    @Test
    void listWithSeveralPatternsAnswersTheUnionOfTheirMatches() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            createFolders(imap, "Alpha", "Beta1", "Beta2", "Gamma");

            List<String> answer = ImapSessions.exchange(imap, "L1", "LIST \"\" (\"Alpha\" \"Beta*\")");

            assertThat(answer.get(answer.size() - 1)).isEqualTo("L1 OK LIST completed.");
            assertThat(answer.subList(0, answer.size() - 1)).containsExactlyInAnyOrder(
                "* LIST (\\HasNoChildren) \".\" \"Alpha\"",
                "* LIST (\\HasNoChildren) \".\" \"Beta1\"",
                "* LIST (\\HasNoChildren) \".\" \"Beta2\"");
        }
    }

    @Test
    void listWithOverlappingPatternsNamesEachMailboxOnce() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            createFolders(imap, "Beta1", "Beta2");

            List<String> answer = ImapSessions.exchange(imap, "L1", "LIST \"\" (Beta1 \"Beta*\" INBOX)");

            assertThat(answer.get(answer.size() - 1)).isEqualTo("L1 OK LIST completed.");
            assertThat(answer.subList(0, answer.size() - 1)).containsExactlyInAnyOrder(
                "* LIST (\\HasNoChildren) \".\" \"Beta1\"",
                "* LIST (\\HasNoChildren) \".\" \"Beta2\"",
                "* LIST (\\HasNoChildren) \".\" \"INBOX\"");
        }
    }

    @Test
    void listWithASinglePatternIsUnchanged() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, user)) {
            createFolders(imap, "Alpha");

            assertThat(ImapSessions.exchange(imap, "L1", "LIST \"\" Alpha"))
                .containsExactly("* LIST (\\HasNoChildren) \".\" \"Alpha\"", "L1 OK LIST completed.");
        }
    }

    // Item 2: RFC 3501 section 6.4.5, sections of a message/rfc822 part address the encapsulated message.

    @Test
    void partOfTypeMessageIsTheWholeEncapsulatedMessage() {
        try (LineDialogue imap = selectedWith(FORWARD)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[2]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[2]", INNER_HEADER + INNER_TEXT));
        }
    }

    @Test
    void headerOfAMessagePartIsTheEncapsulatedMessagesHeader() {
        try (LineDialogue imap = selectedWith(FORWARD)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[2.HEADER]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[2.HEADER]", INNER_HEADER));
        }
    }

    @Test
    void textOfAMessagePartIsTheEncapsulatedMessagesBody() {
        try (LineDialogue imap = selectedWith(FORWARD)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[2.TEXT]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[2.TEXT]", INNER_TEXT));
        }
    }

    @Test
    void numberedPartsOfAMessagePartAreThePartsOfTheEncapsulatedMessage() {
        try (LineDialogue imap = selectedWith(FORWARD)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY.PEEK[2.1] BODY.PEEK[2.2])"))
                .containsExactlyElementsOf(fetchedLines("F1",
                    "* 1 FETCH (BODY[2.1] {11}\r\ninner plain BODY[2.2] {17}\r\n<p>inner html</p>)"));
        }
    }

    @Test
    void mimeHeaderOfAMessagePartIsThePartsOwnHeader() {
        try (LineDialogue imap = selectedWith(FORWARD)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[2.MIME]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[2.MIME]", "Content-Type: message/rfc822\r\n\r\n"));
        }
    }

    @Test
    void firstPartOfAMessageWhoseBodyIsAMessageIsTheEncapsulatedMessage() {
        try (LineDialogue imap = selectedWith(WRAPPED)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[1]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[1]", WRAPPED_HEADER + "inner body\r\n"));
        }
    }

    @Test
    void headerAndTextOfTheEncapsulatedMessageInASinglePartMessage() {
        try (LineDialogue imap = selectedWith(WRAPPED)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[1.HEADER]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[1.HEADER]", WRAPPED_HEADER));
            assertThat(ImapSessions.exchange(imap, "F2", "FETCH 1 BODY.PEEK[1.TEXT]"))
                .containsExactlyElementsOf(fetched("F2", "BODY[1.TEXT]", "inner body\r\n"));
        }
    }

    @Test
    void firstPartOfANonMultipartEncapsulatedMessageIsItsBody() {
        try (LineDialogue imap = selectedWith(WRAPPED)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[1.1]"))
                .containsExactlyElementsOf(fetched("F1", "BODY[1.1]", "inner body\r\n"));
        }
    }

    @Test
    void fetchingASectionOfTheEncapsulatedMessageWithoutPeekSetsSeen() {
        try (LineDialogue imap = selectedWith(WRAPPED)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY[1.TEXT]"))
                .containsExactlyElementsOf(fetched("F1", "FLAGS (\\Recent \\Seen) BODY[1.TEXT]", "inner body\r\n"));
            assertThat(ImapSessions.exchange(imap, "F2", "FETCH 1 FLAGS"))
                .containsExactly("* 1 FETCH (FLAGS (\\Recent \\Seen))", "F2 OK FETCH completed.");
        }
    }

    @Test
    void partialFetchOfAnEncapsulatedSectionIsCutFromTheRightSection() {
        try (LineDialogue imap = selectedWith(WRAPPED)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 BODY.PEEK[1.1]<0.5>"))
                .containsExactlyElementsOf(fetched("F1", "BODY[1.1]<0>", "inner"));
        }
    }

    @Test
    void headerFieldsOfTheEncapsulatedMessageComeWithTheWholeMessageWhenBothAreAsked() {
        try (LineDialogue imap = selectedWith(WRAPPED)) {
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY.PEEK[1.HEADER.FIELDS (Subject)] BODY.PEEK[])"))
                .containsExactlyElementsOf(fetchedLines("F1", "* 1 FETCH (BODY[1.HEADER.FIELDS (Subject)] {18}\r\n"
                    + "Subject: inner\r\n\r\n BODY[] {" + length(WRAPPED) + "}\r\n" + WRAPPED + ")"));
        }
    }

    // Item 3: SENT* compare the Date: header's own calendar day (RFC 3501 section 6.4.4); message sets under
    // NOT and OR.

    @Test
    void sentOnComparesTheDayInTheDateHeadersOwnZone() {
        try (LineDialogue imap = selectedWithDatedMessages()) {
            assertThat(ImapSessions.exchange(imap, "S1", "SEARCH SENTON 1-Jan-2024"))
                .containsExactly("* SEARCH 1", "S1 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "S2", "SEARCH SENTON 2-Jan-2024"))
                .containsExactly("* SEARCH 2", "S2 OK SEARCH completed.");
        }
    }

    @Test
    void sentBeforeAndSentSinceCompareTheDayInTheDateHeadersOwnZone() {
        try (LineDialogue imap = selectedWithDatedMessages()) {
            assertThat(ImapSessions.exchange(imap, "S1", "SEARCH SENTBEFORE 2-Jan-2024"))
                .containsExactly("* SEARCH 1", "S1 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "S2", "SEARCH SENTSINCE 2-Jan-2024"))
                .containsExactly("* SEARCH 2 3 4", "S2 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "S3", "SEARCH NOT SENTON 2-Jan-2024"))
                .containsExactly("* SEARCH 1 3 4", "S3 OK SEARCH completed.");
        }
    }

    @Test
    void notOfASequenceSetMatchesEveryOtherMessage() {
        try (LineDialogue imap = selectedWithDatedMessages()) {
            assertThat(ImapSessions.exchange(imap, "S1", "SEARCH NOT 2,4"))
                .containsExactly("* SEARCH 1 3", "S1 OK SEARCH completed.");
        }
    }

    @Test
    void orOfASequenceSetAndAUidSetMatchesBoth() {
        try (LineDialogue imap = selectedWithDatedMessages()) {
            assertThat(ImapSessions.exchange(imap, "S1", "SEARCH OR 1 UID 3"))
                .containsExactly("* SEARCH 1 3", "S1 OK SEARCH completed.");
            assertThat(ImapSessions.exchange(imap, "S2", "UID SEARCH OR UID 2 NOT 1:3"))
                .containsExactly("* SEARCH 2 4", "S2 OK SEARCH completed.");
        }
    }

    @Test
    void setsOnlyCombinedWithAndStillNarrowTheSearch() {
        try (LineDialogue imap = selectedWithDatedMessages()) {
            assertThat(ImapSessions.exchange(imap, "S1", "SEARCH 2:4 UID 1:3 SENTSINCE 2-Jan-2024"))
                .containsExactly("* SEARCH 2 3", "S1 OK SEARCH completed.");
        }
    }

    private LineDialogue selectedWithDatedMessages() {
        return selectedWith(
            dated("one", "Mon, 1 Jan 2024 23:30:00 -0500"),
            dated("two", "Tue, 2 Jan 2024 01:00:00 +0200"),
            dated("three", "Wed, 3 Jan 2024 12:00:00 +0000"),
            dated("four", "Thu, 4 Jan 2024 12:00:00 +0000"));
    }

    private static String dated(String subject, String date) {
        return "From: alice@example.org\r\nTo: names@example.com\r\nSubject: " + subject + "\r\nDate: " + date
            + "\r\nMessage-ID: <" + subject + "@example.org>\r\n\r\nbody " + subject + "\r\n";
    }

    /** A logged-in session with the messages appended to INBOX, in order, and INBOX selected. */
    private LineDialogue selectedWith(String... messages) {
        LineDialogue imap = ImapSessions.loggedIn(server, user);
        for (int i = 0; i < messages.length; i++) {
            String tag = "A" + i;
            imap.send(tag + " APPEND INBOX {" + length(messages[i]) + "+}\r\n" + messages[i]);
            assertThat(imap.readUntil(tag + " ")).last().asString().startsWith(tag + " OK [APPENDUID ");
        }
        assertThat(imap.imap("S0", "SELECT INBOX")).startsWith("S0 OK [READ-WRITE] ");
        return imap;
    }

    private static void createFolders(LineDialogue imap, String... names) {
        for (String name : names) {
            assertThat(imap.imap("C-" + name, "CREATE " + name)).endsWith(" CREATE completed.");
        }
    }

    private static List<String> fetched(String tag, String section, String content) {
        return fetchedLines(tag, "* 1 FETCH (" + section + " {" + length(content) + "}\r\n" + content + ")");
    }

    private static List<String> fetchedLines(String tag, String untagged) {
        List<String> lines = new ArrayList<>(Arrays.asList(untagged.split("\r\n", -1)));
        lines.add(tag + " OK FETCH completed.");
        return lines;
    }

    private static int length(String literal) {
        return literal.getBytes(StandardCharsets.UTF_8).length;
    }
}
