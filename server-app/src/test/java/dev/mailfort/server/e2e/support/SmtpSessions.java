/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import dev.mailfort.server.testing.LineDialogue;

/**
 * SMTP sessions brought to the point where a test's transcript starts (greeted, or greeted and encrypted with
 * STARTTLS), so that each test shows only the exchange it is about. A step that goes wrong on the way fails loudly
 * with the server's reply.
 */
public final class SmtpSessions {
    public static final String CLIENT_NAME = "client.sender.example";

    private SmtpSessions() {
    }

    /** Connected in clear text, greeting read. */
    public static LineDialogue greeted(int port) {
        LineDialogue smtp = LineDialogue.connect(port);
        expect(smtp.readSmtpReply(), "220 ", "greeting");
        return smtp;
    }

    /** Connected with implicit TLS (465), greeting read and EHLO said. */
    public static LineDialogue encryptedWithImplicitTls(int port) {
        LineDialogue smtp = LineDialogue.connectTls(port);
        expect(smtp.readSmtpReply(), "220 ", "greeting");
        expect(smtp.smtp("EHLO " + CLIENT_NAME), "250", "EHLO");
        return smtp;
    }

    /** Connected in clear text, upgraded with STARTTLS, and EHLO said again over TLS, as RFC 3207 requires. */
    public static LineDialogue encryptedWithStartTls(int port) {
        LineDialogue smtp = greeted(port);
        expect(smtp.smtp("EHLO " + CLIENT_NAME), "250", "EHLO");
        expect(smtp.smtp("STARTTLS"), "220 ", "STARTTLS");
        smtp.startTls();
        expect(smtp.smtp("EHLO " + CLIENT_NAME), "250", "EHLO after STARTTLS");
        return smtp;
    }

    /** An encrypted session (either kind) authenticated with AUTH PLAIN. */
    public static LineDialogue authenticate(LineDialogue smtp, String user, String password) {
        expect(smtp.smtp("AUTH PLAIN " + SmtpCredentials.plain(user, password)), "235 ", "AUTH PLAIN");
        return smtp;
    }

    private static void expect(String reply, String prefix, String step) {
        if (!reply.startsWith(prefix)) {
            throw new IllegalStateException(step + " answered: " + reply);
        }
    }
}
