/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.modules.EventDeadLettersProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * A mailbox event a listener failed on waits in the dead letters until an admin redelivers it, whatever happens to
 * the server meanwhile (issue 9): the store is Cassandra, not the JVM's memory.
 */
class EventDeadLettersSurviveRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Group QUOTA_UPDATER = ListeningCurrentQuotaUpdater.GROUP;
    private static final String DEAD_LETTERS = "/events/deadLetter/groups";
    private static final String HEALTH = "/healthcheck/checks/EventDeadLettersHealthCheck";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @Test
    void deadLetterIsListedByWebAdminAfterARestart() throws Exception {
        Event event = mailboxAdded("alice@example.org");
        EventDeadLetters.InsertionId id = deadLetters().store(QUOTA_UPDATER, event).block();

        server.restart();

        WebAdminClient webAdmin = server.webAdmin();
        assertThat(webAdmin.get(DEAD_LETTERS).jsonStrings()).contains(QUOTA_UPDATER.asString());
        assertThat(webAdmin.get(groupPath()).jsonStrings()).contains(id.asString());
        WebAdminClient.Response details = webAdmin.get(groupPath() + "/" + id.asString());
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.body()).contains(event.getEventId().getId().toString());
        assertThat(webAdmin.get(HEALTH).body()).contains("\"status\":\"degraded\"");
        assertThat(deadLetters()).isInstanceOf(CassandraEventDeadLetters.class);
        assertThat(deadLetters().failedEvent(QUOTA_UPDATER, id).block()).isEqualTo(event);
    }

    @Test
    void redeliveredDeadLetterLeavesTheStore() throws Exception {
        EventDeadLetters.InsertionId id = deadLetters().store(QUOTA_UPDATER, mailboxAdded("bob@example.org")).block();
        WebAdminClient webAdmin = server.webAdmin();

        WebAdminClient.Response started = webAdmin.post(groupPath() + "/" + id.asString() + "?action=reDeliver");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String taskId = JSON.readTree(started.body()).get("taskId").asText();
        assertThat(JSON.readTree(webAdmin.get("/tasks/" + taskId + "/await").body()).get("status").asText())
            .isEqualTo("completed");

        assertThat(webAdmin.get(groupPath()).jsonStrings()).doesNotContain(id.asString());
        assertThat(deadLetters().failedEvent(QUOTA_UPDATER, id).block()).isNull();
    }

    private static EventDeadLetters deadLetters() {
        return server.guiceServer().getProbe(EventDeadLettersProbe.class).getEventDeadLetters();
    }

    /** An event the quota listener ignores, so that a redelivery succeeds whatever the mailbox content. */
    private static Event mailboxAdded(String user) {
        Username username = Username.of(user);
        return new MailboxEvents.MailboxAdded(MailboxSession.SessionId.of(42), username, MailboxPath.inbox(username),
            CassandraId.timeBased(), Event.EventId.random());
    }

    private static String groupPath() {
        return DEAD_LETTERS + "/" + URLEncoder.encode(QUOTA_UPDATER.asString(), StandardCharsets.UTF_8);
    }
}
