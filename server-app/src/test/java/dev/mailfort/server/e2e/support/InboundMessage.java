/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.util.UUID;

/**
 * A message as an Internet sender would hand it over: its envelope sender and its RFC 5322 text (lines separated by
 * {@code \n}; {@link InternetSender} sends them with CRLF).
 */
public record InboundMessage(String envelopeSender, String messageId, String text) {

    /** A message whose text is written out by the test, e.g. a hand-made MIME structure. */
    public static InboundMessage raw(String envelopeSender, String messageId, String text) {
        return new InboundMessage(envelopeSender, messageId, text);
    }

    public static Builder from(String displayName, String address) {
        return new Builder(displayName, address);
    }

    /** A single text/plain part with the usual headers of a message from a mail client. */
    public static final class Builder {
        private final String displayName;
        private final String address;
        private String to = "undisclosed-recipients:;";
        private String subject = "";
        private String body = "";

        private Builder(String displayName, String address) {
            this.displayName = displayName;
            this.address = address;
        }

        public Builder to(String recipient) {
            this.to = "<" + recipient + ">";
            return this;
        }

        public Builder to(MailUser recipient) {
            return to(recipient.address());
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public InboundMessage build() {
            String messageId = "<" + UUID.randomUUID() + "@" + address.substring(address.indexOf('@') + 1) + ">";
            String text = "Date: Mon, 2 Mar 2026 10:15:00 +0100\n"
                + "From: " + displayName + " <" + address + ">\n"
                + "To: " + to + "\n"
                + "Subject: " + subject + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + body;
            return new InboundMessage(address, messageId, text);
        }
    }
}
