/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.ImapSessions;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * The blob memory cache on the real server, over Cassandra: a message just stored is read back whole without its
 * content being read from Cassandra, and a message too large for the cache is still read back whole, from Cassandra.
 */
class RecentMailReadFromMemoryTest {
    private static final String DOMAIN = "example.com";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static MailUser reader;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        reader = MailUser.create(server, "reader", DOMAIN);
    }

    @Test
    void aMessageJustStoredIsReadFromMemory() {
        String message = "Subject: fresh\r\nMessage-ID: <fresh@example.com>\r\n\r\nJust arrived.\r\n";
        try (LineDialogue imap = ImapSessions.loggedIn(server, reader)) {
            ImapSessions.append(imap, "a1", "INBOX", message);
            ImapSessions.exchange(imap, "s1", "SELECT INBOX");
            Map<String, Double> before = server.webAdmin().metrics();

            List<String> fetched = ImapSessions.exchange(imap, "f1", "UID FETCH 1 BODY.PEEK[]");

            Map<String, Double> after = server.webAdmin().metrics();
            assertThat(fetched).last().asString().startsWith("f1 OK");
            assertThat(String.join("\r\n", fetched)).contains("{" + message.length() + "}\r\n" + message.stripTrailing());
            // Its header and its body: two blobs, both from memory.
            assertThat(after.get("mailfort_blob_cache_hits") - before.get("mailfort_blob_cache_hits")).isEqualTo(2);
            assertThat(after.get("mailfort_blob_cache_misses")).isEqualTo(before.get("mailfort_blob_cache_misses"));
        }
    }

    @Test
    void aMessageTooLargeForTheCacheIsReadWholeFromCassandra() {
        // The body is over the 128 KiB the shipped conf caches; its header is not.
        String body = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\r\n".repeat(3000);
        String message = "Subject: large\r\nMessage-ID: <large@example.com>\r\n\r\n" + body;
        try (LineDialogue imap = ImapSessions.loggedIn(server, reader)) {
            assertThat(ImapSessions.exchange(imap, "c2", "CREATE Large")).last().asString().startsWith("c2 OK");
            ImapSessions.append(imap, "a2", "Large", message);
            ImapSessions.exchange(imap, "s2", "SELECT Large");
            double missesBefore = server.webAdmin().metrics().get("mailfort_blob_cache_misses");

            List<String> fetched = ImapSessions.exchange(imap, "f2", "FETCH 1 (BODY.PEEK[TEXT])");

            assertThat(fetched).last().asString().startsWith("f2 OK");
            assertThat(String.join("\r\n", fetched)).contains("{" + body.length() + "}");
            assertThat(fetched.stream().filter(line -> line.startsWith("0123456789abcdef"))).hasSize(3000);
            assertThat(server.webAdmin().metrics().get("mailfort_blob_cache_misses")).isGreaterThan(missesBefore);
        }
    }
}
