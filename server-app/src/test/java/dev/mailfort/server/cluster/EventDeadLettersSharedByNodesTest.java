/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Username;
import org.apache.james.event.json.MailboxEventSerializer;
import org.apache.james.events.Event;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.ids.CassandraMessageId;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.mailfort.server.cassandra.CassandraSessionFactory;
import dev.mailfort.server.cassandra.CassandraSettings;
import dev.mailfort.server.events.CassandraEventDeadLetters;
import dev.mailfort.testing.cassandra.CassandraExtension;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;
import dev.mailfort.testing.rabbitmq.SharedRabbitMQ;

/**
 * Event dead letters are the cluster's, not a node's (issue 9): whichever node's listener failed, an admin lists and
 * handles the failed events through any node, and they outlive the node.
 */
class EventDeadLettersSharedByNodesTest {
    private static final Group QUOTA_UPDATER = ListeningCurrentQuotaUpdater.GROUP;
    private static final String GROUP_PATH = "/events/deadLetter/groups/"
        + URLEncoder.encode(QUOTA_UPDATER.asString(), StandardCharsets.UTF_8);

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @TempDir
    static Path roots;

    private static ClusterNode nodeA;
    private static ClusterNode nodeB;
    private static CqlSession session;

    @BeforeAll
    static void startCluster() {
        RabbitMQVhost vhost = RabbitMQVhost.create(SharedRabbitMQ.get(), "dead-letters");
        nodeA = ClusterNode.prepare("A", roots.resolve("a"), cassandra, vhost).start();
        nodeB = ClusterNode.prepare("B", roots.resolve("b"), cassandra, vhost).start();
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.nodes", cassandra.host() + ":" + cassandra.port());
        conf.addProperty("cassandra.local.dc", cassandra.localDatacenter());
        conf.addProperty("cassandra.keyspace", cassandra.keyspace());
        conf.addProperty("cassandra.keyspace.create", "false");
        session = new CassandraSessionFactory(CassandraSettings.from(conf)).open();
    }

    @AfterAll
    static void stopCluster() {
        if (session != null) {
            session.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void deadLetterIsListedByEveryNodeAndRemovedThroughAnyOfThem() throws Exception {
        // Stored as a failing listener on some node would store it: same table, same serializer as the nodes.
        EventDeadLetters deadLetters = new CassandraEventDeadLetters(session,
            new MailboxEventSerializer(new CassandraId.Factory(), new CassandraMessageId.Factory(), anyRoot -> {
                throw new UnsupportedOperationException("no quota root in a MailboxAdded event");
            }));
        Username user = Username.of("carol@example.com");
        EventDeadLetters.InsertionId id = deadLetters.store(QUOTA_UPDATER, new MailboxEvents.MailboxAdded(
            MailboxSession.SessionId.of(7), user, MailboxPath.inbox(user), CassandraId.timeBased(), Event.EventId.random()))
            .block();

        assertThat(nodeA.webAdmin().get(GROUP_PATH).jsonStrings()).as("node A").containsExactly(id.asString());
        assertThat(nodeB.webAdmin().get(GROUP_PATH).jsonStrings()).as("node B").containsExactly(id.asString());
        assertThat(nodeB.webAdmin().get("/healthcheck/checks/EventDeadLettersHealthCheck").body())
            .contains("\"status\":\"degraded\"");

        assertThat(nodeB.webAdmin().delete(GROUP_PATH + "/" + id.asString()).status()).isEqualTo(204);

        assertThat(nodeA.webAdmin().get("/events/deadLetter/groups").jsonStrings()).as("node A").isEmpty();
        assertThat(nodeA.webAdmin().get("/healthcheck/checks/EventDeadLettersHealthCheck").body())
            .contains("\"status\":\"healthy\"");
    }
}
