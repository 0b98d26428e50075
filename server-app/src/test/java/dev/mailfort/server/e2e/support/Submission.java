/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/** One of our users handing a well-formed message to the submission port (587, STARTTLS, AUTH PLAIN). */
public final class Submission {
    private Submission() {
    }

    /** Sends and asserts the 250 at the end of DATA. */
    public static void send(MailfortServerExtension server, MailUser sender, List<String> recipients, String subject) {
        try (LineDialogue smtp = SmtpSessions.authenticate(SmtpSessions.encryptedWithStartTls(server.port(587)),
                sender.address(), sender.password())) {
            assertThat(smtp.smtp("MAIL FROM:<" + sender.address() + ">")).startsWith("250 ");
            for (String recipient : recipients) {
                assertThat(smtp.smtp("RCPT TO:<" + recipient + ">")).as("RCPT TO " + recipient).startsWith("250 ");
            }
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: <" + sender.address() + ">")
                .send("To: " + String.join(", ", recipients.stream().map(address -> "<" + address + ">").toList()))
                .send("Date: Thu, 26 Nov 2026 10:00:00 +0000")
                .send("Message-ID: <" + UUID.randomUUID() + "@client.sender.example>")
                .send("Subject: " + subject)
                .send("MIME-Version: 1.0")
                .send("Content-Type: text/plain; charset=utf-8")
                .send("")
                .send("Hello, here are the figures we talked about on Monday.")
                .send("Best regards.");
            assertThat(smtp.smtp(".")).as("end of DATA").isEqualTo("250 2.6.0 Message received");
            smtp.smtp("QUIT");
        }
    }
}
