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
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.Quarantines;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.hostile.MalformedMail;
import dev.mailfort.testing.hostile.RawConnection;

/**
 * The malformed-mail corpus of {@link MalformedMail} sent to the MX (issue 7, item 4), each message in its own
 * transaction to a recipient of its own. Whatever the server decides, it decides once: exactly one reply to the end of
 * DATA (the next command gets its own), and a message that got 250 ends up exactly once in the recipient's INBOX or
 * Junk, or in a quarantine — never lost, never twice. A refused message leaves nothing behind: a clean message sent
 * after it is the only one the recipient gets.
 */
class MalformedMailCorpusTest {
    private static final String DOMAIN = "corpus.example";
    private static final String SENDER = "sender@outside.example";
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final List<String> HOLDING_REPOSITORIES = List.of(Quarantines.VIRUS, Quarantines.ATTACHMENT,
        Quarantines.SPAM);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @TestFactory
    Stream<DynamicTest> eachMalformedMessageGetsOneReplyAndIsDeliveredOnceOrNotAtAll() {
        int count = new MalformedMail(SENDER, "any@" + DOMAIN).all().size();
        return IntStream.range(0, count).mapToObj(index -> {
            String name = new MalformedMail(SENDER, "any@" + DOMAIN).all().get(index).name();
            return DynamicTest.dynamicTest(name, () -> sendAndCheck(index));
        });
    }

    private static void sendAndCheck(int index) {
        MailUser recipient = MailUser.create(server, "corpus", DOMAIN);
        MalformedMail.Sample sample = new MalformedMail(SENDER, recipient.address()).all().get(index);

        String reply;
        try (RawConnection smtp = transactionTo(recipient)) {
            smtp.sendData(sample.bytes());
            reply = smtp.readSmtpReply();
            assertThat(reply).as(sample + ": reply to the end of DATA").matches("(?s)^[245]\\d\\d .*");
            assertThat(smtp.smtp("NOOP")).as(sample + ": NOOP after it gets its own reply").startsWith("250 ");
        }
        // The transcript line a reader of the test report wants: what the server decided for each sample.
        System.out.println("Malformed mail " + sample + " -> " + reply.replace('\n', ' '));

        if (reply.startsWith("250 ")) {
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(deliveredOrHeld(recipient)).as(sample + ": accepted, so kept").isEqualTo(1));
        }
        long before = deliveredOrHeld(recipient);
        sendClean(recipient);
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(300))
            .untilAsserted(() -> assertThat(deliveredOrHeld(recipient))
                .as(sample + " (" + reply + "): the clean message and at most the accepted one").isEqualTo(before + 1));
        assertThat(before).as(sample + " (" + reply + "): kept copies").isEqualTo(reply.startsWith("250 ") ? 1 : 0);
    }

    /** Messages in INBOX and Junk, plus mails for this recipient held in a quarantine. */
    private static long deliveredOrHeld(MailUser recipient) {
        long held = HOLDING_REPOSITORIES.stream()
            .mapToLong(repository -> Quarantines.heldRecipients(server, repository).stream()
                .filter(recipient.address()::equals).count())
            .sum();
        return inbox(recipient) + MailboxCounts.messageCount(server, recipient, "Junk").orElse(0) + held;
    }

    private static long inbox(MailUser recipient) {
        return MailboxCounts.messageCount(server, recipient, "INBOX").orElse(0);
    }

    private static RawConnection transactionTo(MailUser recipient) {
        RawConnection smtp = RawConnection.connect(server.port(25));
        assertThat(smtp.readSmtpReply()).startsWith("220 ");
        assertThat(smtp.smtp("EHLO client.outside.example")).startsWith("250");
        assertThat(smtp.smtp("MAIL FROM:<" + SENDER + ">")).startsWith("250 ");
        assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
        assertThat(smtp.smtp("DATA")).startsWith("354 ");
        return smtp;
    }

    private static void sendClean(MailUser recipient) {
        try (RawConnection smtp = transactionTo(recipient)) {
            smtp.sendData(("Date: Mon, 2 Mar 2026 10:15:00 +0100\r\n"
                + "From: Sender <" + SENDER + ">\r\n"
                + "To: <" + recipient.address() + ">\r\n"
                + "Subject: clean follow-up\r\n"
                + "Message-ID: <" + System.nanoTime() + "@outside.example>\r\n"
                + "\r\n"
                + "Hello.\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(smtp.readSmtpReply()).startsWith("250 ");
        }
    }
}
