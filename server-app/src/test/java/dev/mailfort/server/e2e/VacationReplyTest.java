/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.SmtpDeliveredMail;
import dev.mailfort.server.e2e.support.Submission;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * Out-of-office replies set through WebAdmin ({@code /vacation/{user}}), sent by the {@code VacationMailet} of the
 * local-delivery pipeline. The server keeps each user's vacation settings a few seconds, since every delivery reads
 * them; a change made through WebAdmin must still count for the very next message.
 */
class VacationReplyTest {
    private static final String DOMAIN = "example.com";
    // The reply would be queued before the message it answers is stored: once that one is in, this leaves room for
    // a reply that should not exist to show up.
    private static final Duration REPLY_WOULD_HAVE_ARRIVED = Duration.ofSeconds(5);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
    }

    @Test
    void vacationSwitchedOnRightAfterAMessageArrivedAnswersTheNextOne() throws Exception {
        MailUser away = MailUser.create(server, "away", DOMAIN);
        MailUser colleague = MailUser.create(server, "colleague", DOMAIN);
        // This delivery learnt that the recipient has no vacation, which the server keeps a few seconds.
        Submission.send(server, colleague, List.of(away.address()), "Budget figures");
        MailboxCounts.awaitMessageCount(server, away, "INBOX", 1);

        assertThat(setVacation(away, """
            {"enabled": true, "subject": "Out of office", "textBody": "Back on Monday."}""").status()).isEqualTo(204);
        Submission.send(server, colleague, List.of(away.address()), "Revised budget figures");

        MailboxCounts.awaitMessageCount(server, colleague, "INBOX", 1);
        assertThat(SmtpDeliveredMail.subjectsInInbox(server, colleague.address(), colleague.password()))
            .containsExactly("Out of office");
        MailboxCounts.awaitMessageCount(server, away, "INBOX", 2);
    }

    @Test
    void vacationSwitchedOffStopsTheRepliesAtOnce() throws Exception {
        MailUser back = MailUser.create(server, "back", DOMAIN);
        MailUser first = MailUser.create(server, "first", DOMAIN);
        MailUser second = MailUser.create(server, "second", DOMAIN);
        assertThat(setVacation(back, """
            {"enabled": true, "subject": "Away this week", "textBody": "Back on Monday."}""").status()).isEqualTo(204);
        Submission.send(server, first, List.of(back.address()), "Meeting notes");
        MailboxCounts.awaitMessageCount(server, first, "INBOX", 1);

        assertThat(setVacation(back, "{\"enabled\": false}").status()).isEqualTo(204);
        Submission.send(server, second, List.of(back.address()), "More meeting notes");
        MailboxCounts.awaitMessageCount(server, back, "INBOX", 2);
        Thread.sleep(REPLY_WOULD_HAVE_ARRIVED.toMillis());

        assertThat(MailboxCounts.messageCount(server, second, "INBOX").orElse(0)).isZero();
    }

    private static WebAdminClient.Response setVacation(MailUser user, String json) {
        return server.webAdmin().post("/vacation/" + URLEncoder.encode(user.address(), StandardCharsets.UTF_8), json);
    }
}
