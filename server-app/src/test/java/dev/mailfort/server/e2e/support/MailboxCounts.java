/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * Message counts read through WebAdmin, the admin's view of a mailbox. Tests wait on it for an SMTP delivery to
 * land: asking WebAdmin costs no login (each login hashes the password for about 0.4 s) and leaves no IMAP or POP3
 * session behind that could change what the test observes.
 */
public final class MailboxCounts {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private MailboxCounts() {
    }

    /** The number of messages in the mailbox, empty while the mailbox does not exist. */
    public static OptionalLong messageCount(MailfortServerExtension server, MailUser user, String mailbox) {
        WebAdminClient.Response response = server.webAdmin().get("/users/" + encode(user.address())
            + "/mailboxes/" + encode(mailbox) + "/messageCount");
        if (response.status() == 404) {
            return OptionalLong.empty();
        }
        if (response.status() != 200) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
        return OptionalLong.of(Long.parseLong(response.body().trim()));
    }

    public static void awaitMessageCount(MailfortServerExtension server, MailUser user, String mailbox, long expected) {
        await().atMost(DELIVERY_TIMEOUT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> messageCount(server, user, mailbox).orElse(0) == expected);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
