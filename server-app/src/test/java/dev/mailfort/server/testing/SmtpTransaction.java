/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One SMTP transaction that reports rather than asserts, for tests that expect a refusal at times (a backend down)
 * and acceptance at others.
 */
public final class SmtpTransaction {
    private SmtpTransaction() {
    }

    /**
     * Sends one well-formed message (dated now: rspamd greylists mail dated in the future) to {@code port} and returns
     * the reply to the end of DATA, or the first reply before it that is not a success.
     */
    public static String replyToEndOfData(int port, String mailFrom, String rcptTo, String messageId, String subject) {
        try (LineDialogue smtp = LineDialogue.connect(port)) {
            smtp.readSmtpReply();
            smtp.smtp("EHLO mail.sender.example");
            for (String command : List.of("MAIL FROM:<" + mailFrom + ">", "RCPT TO:<" + rcptTo + ">", "DATA")) {
                String reply = smtp.smtp(command);
                if (!reply.startsWith("250") && !reply.startsWith("354")) {
                    return reply;
                }
            }
            smtp.send("From: <" + mailFrom + ">").send("To: <" + rcptTo + ">")
                .send("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
                .send("Subject: " + subject).send("Message-ID: " + messageId).send("").send("body");
            return smtp.smtp(".");
        }
    }
}
