/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A mail server somewhere on the Internet handing a message to our MX on port 25: a plain SMTP dialogue, no TLS and
 * no AUTH, so the message takes the whole inbound path (SMTP, queue, mailet container, mailbox) before a test
 * reads it back.
 */
public final class InternetSender {
    private final int port;

    public InternetSender(MailfortServerExtension server) {
        this.port = server.port(25);
    }

    /**
     * Sends one message (RFC 5322 text, lines separated by {@code \n}) and returns once the server has answered 250
     * to the end of DATA, that is once it took responsibility for the message. Delivery into the mailbox follows
     * asynchronously: see {@link MailboxCounts#awaitMessageCount}.
     */
    public void send(String mailFrom, String rcptTo, String message) {
        try (LineDialogue smtp = LineDialogue.connect(port)) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<" + mailFrom + ">")).as("MAIL FROM").startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + rcptTo + ">")).as("RCPT TO").startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            // The CRLF that ends the last line is the start of the end-of-data marker, not an extra empty line.
            String lines = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
            for (String line : lines.split("\n", -1)) {
                // RFC 5321 section 4.5.2: a line that starts with a dot gets one more, removed by the server.
                smtp.send(line.startsWith(".") ? "." + line : line);
            }
            assertThat(smtp.smtp(".")).as("end of DATA").startsWith("250 ");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }
    }

    /** Sends a message and waits until it is in the recipient's INBOX, which then holds {@code expectedCount}. */
    public void deliver(MailfortServerExtension server, MailUser recipient, InboundMessage message, int expectedCount) {
        send(message.envelopeSender(), recipient.address(), message.text());
        MailboxCounts.awaitMessageCount(server, recipient, "INBOX", expectedCount);
    }
}
