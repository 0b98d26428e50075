/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/** IMAP spoken by hand over {@link LineDialogue}, for tests whose point is the exact server answer. */
public final class ImapSessions {
    private ImapSessions() {
    }

    /** A session on 993 (implicit TLS), past the greeting and logged in as the user. */
    public static LineDialogue loggedIn(MailfortServerExtension server, MailUser user) {
        LineDialogue imap = LineDialogue.connectTls(server.port(993));
        assertThat(imap.readLine()).startsWith("* OK ");
        assertThat(imap.imap("L1", "LOGIN " + user.imapLoginArguments())).startsWith("L1 OK ");
        return imap;
    }

    /** Appends the message (CRLF line ends) with a non-synchronizing literal and checks that the server took it. */
    public static void append(LineDialogue imap, String tag, String mailbox, String message) {
        int length = message.getBytes(StandardCharsets.UTF_8).length;
        imap.send(tag + " APPEND " + mailbox + " {" + length + "+}\r\n" + message);
        assertThat(imap.readUntil(tag + " ")).last().asString().startsWith(tag + " OK ");
    }

    /** Every line of the answer to one command: the untagged lines, then the tagged status line last. */
    public static List<String> exchange(LineDialogue imap, String tag, String command) {
        return imap.send(tag + " " + command).readUntil(tag + " ");
    }
}
