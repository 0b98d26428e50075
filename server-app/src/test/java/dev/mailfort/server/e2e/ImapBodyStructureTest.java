/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.mail.BodyPart;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.InboundMessage;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/** The MIME structure of a message with an attachment, as IMAP describes it (BODYSTRUCTURE) and serves its parts. */
class ImapBodyStructureTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    /** Stands for a PDF file: bytes that are not text, so that base64 is really needed. */
    private static final byte[] ATTACHMENT = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    private static final String ATTACHMENT_BASE64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(ATTACHMENT);

    private static MailUser bob;

    @BeforeAll
    static void deliverMessageWithAttachment() {
        server.webAdmin().addDomain("example.com");
        bob = MailUser.create(server, "bob", "example.com");
        String text = "Date: Mon, 2 Mar 2026 10:15:00 +0100\n"
            + "From: Alice <alice@sender.example>\n"
            + "To: Bob <" + bob.address() + ">\n"
            + "Subject: Report attached\n"
            + "Message-ID: <report-1@sender.example>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"=-part-boundary-42\"\n"
            + "\n"
            + "This is a multi-part message in MIME format.\n"
            + "--=-part-boundary-42\n"
            + "Content-Type: text/plain; charset=utf-8\n"
            + "Content-Transfer-Encoding: 7bit\n"
            + "\n"
            + "Hello Bob,\n"
            + "the report is attached.\n"
            + "--=-part-boundary-42\n"
            + "Content-Type: application/pdf; name=\"report.pdf\"\n"
            + "Content-Transfer-Encoding: base64\n"
            + "Content-Disposition: attachment; filename=\"report.pdf\"\n"
            + "\n"
            + ATTACHMENT_BASE64 + "\n"
            + "--=-part-boundary-42--\n";
        new InternetSender(server).deliver(server, bob, InboundMessage.raw("alice@sender.example", "<report-1@sender.example>", text), 1);
    }

    @Test
    void bodyStructureDescribesTheTextPartAndTheAttachment() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, bob)) {
            assertThat(imap.imap("S1", "EXAMINE INBOX")).startsWith("S1 OK [READ-ONLY] ");

            // The text part is 35 octets; the CRLF before the next boundary belongs to the boundary (RFC 2046 5.1.1),
            // so its last line has no line end, and James counts line ends: 1 line.
            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODYSTRUCTURE)")).containsExactly(
                "* 1 FETCH (BODYSTRUCTURE ("
                    + "(\"TEXT\" \"PLAIN\" (\"charset\" \"utf-8\") NIL NIL \"7BIT\" 35 1 NIL NIL NIL NIL)"
                    + "(\"APPLICATION\" \"PDF\" (\"name\" \"report.pdf\") NIL NIL \"BASE64\" " + octets(ATTACHMENT_BASE64)
                    + " NIL (\"attachment\" (\"filename\" \"report.pdf\")) NIL NIL)"
                    + " \"MIXED\" (\"boundary\" \"=-part-boundary-42\") NIL NIL NIL))",
                "F1 OK FETCH completed.");
        }
    }

    @Test
    void eachPartCanBeFetchedOnItsOwn() {
        try (LineDialogue imap = ImapSessions.loggedIn(server, bob)) {
            assertThat(imap.imap("S1", "EXAMINE INBOX")).startsWith("S1 OK [READ-ONLY] ");

            assertThat(ImapSessions.exchange(imap, "F1", "FETCH 1 (BODY.PEEK[1])")).containsExactly(
                "* 1 FETCH (BODY[1] {35}",
                "Hello Bob,",
                "the report is attached.)",
                "F1 OK FETCH completed.");
            List<String> mimeHeader = List.of(
                "Content-Type: application/pdf; name=\"report.pdf\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"report.pdf\"",
                "");
            List<String> expected = new ArrayList<>();
            expected.add("* 1 FETCH (BODY[2.MIME] {" + octets(String.join("\n", mimeHeader) + "\n") + "}");
            expected.addAll(mimeHeader);
            expected.add(")");
            expected.add("F2 OK FETCH completed.");
            assertThat(ImapSessions.exchange(imap, "F2", "FETCH 1 (BODY.PEEK[2.MIME])")).isEqualTo(expected);
        }
    }

    @Test
    void mailClientOpensTheTextAndSavesTheAttachment() throws Exception {
        try (Store store = MailClients.imaps(server, bob.address(), bob.password())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);

            Message message = inbox.getMessage(1);
            assertThat(message.isMimeType("multipart/mixed")).isTrue();
            Multipart parts = (Multipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(2);

            BodyPart text = parts.getBodyPart(0);
            assertThat(text.isMimeType("text/plain")).isTrue();
            assertThat(text.getDisposition()).isNull();
            assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo("Hello Bob,\nthe report is attached.");

            BodyPart attachment = parts.getBodyPart(1);
            assertThat(attachment.isMimeType("application/pdf")).isTrue();
            assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
            assertThat(attachment.getFileName()).isEqualTo("report.pdf");
            try (InputStream content = attachment.getInputStream()) {
                assertThat(content.readAllBytes()).isEqualTo(ATTACHMENT);
            }
            inbox.close(false);
        }
    }

    /** Size of text as it travels, with CRLF line ends. */
    private static int octets(String bodyWithLf) {
        return bodyWithLf.replace("\n", "\r\n").length();
    }
}
