/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.mailfort.server.e2e.support.SmtpSessions;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * The production {@code domainlist.xml} keeps "is this our domain?" answers for 10 s, to spare the ten Cassandra
 * reads each message would make. An admin must not notice it on the server they talk to: a domain added or removed
 * through WebAdmin counts at the next RCPT. A change this server did not make (another node of a cluster, here a
 * write straight into Cassandra) counts within the expiry.
 *
 * <p>The RCPT replies tell the two states apart: an unknown user of one of our domains is "Unknown user", an address
 * of a domain that is not ours is "relaying denied".
 */
class DomainListCacheTest {
    private static final String RELAYING_DENIED = "550 5.7.1 Requested action not taken: relaying denied";
    private static final String UNKNOWN_USER = "550 5.1.1 Unknown user";
    private static final Duration CACHE_EXPIRY = Duration.ofSeconds(10);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static CqlSession otherNode;

    @BeforeAll
    static void connectAsAnotherNode() {
        otherNode = server.openKeyspaceSession();
    }

    @AfterAll
    static void disconnect() {
        if (otherNode != null) {
            otherNode.close();
        }
    }

    @Test
    void aDomainAddedThroughWebAdminTakesMailAtOnceAlthoughItWasRefusedAMomentBefore() {
        assertThat(rcptReply("nobody@added.example")).isEqualTo(RELAYING_DENIED);

        server.webAdmin().addDomain("added.example");

        assertThat(rcptReply("nobody@added.example")).startsWith(UNKNOWN_USER);
    }

    @Test
    void aDomainRemovedThroughWebAdminIsRefusedAtOnce() {
        server.webAdmin().addDomain("removed.example");
        assertThat(rcptReply("nobody@removed.example")).startsWith(UNKNOWN_USER);

        assertThat(server.webAdmin().delete("/domains/removed.example").status()).isEqualTo(204);

        assertThat(rcptReply("nobody@removed.example")).isEqualTo(RELAYING_DENIED);
    }

    @Test
    void aDomainRemovedByAnotherNodeIsRefusedWithinTheCacheExpiry() {
        server.webAdmin().addDomain("elsewhere.example");
        assertThat(rcptReply("nobody@elsewhere.example")).startsWith(UNKNOWN_USER);

        otherNode.execute(SimpleStatement.newInstance("DELETE FROM domains WHERE domain = ?", "elsewhere.example"));
        long removedAt = System.nanoTime();

        // Still answered from the cache: what saves the reads.
        assertThat(rcptReply("nobody@elsewhere.example")).startsWith(UNKNOWN_USER);
        await().atMost(CACHE_EXPIRY.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
            .until(() -> rcptReply("nobody@elsewhere.example").equals(RELAYING_DENIED));
        assertThat(Duration.ofNanos(System.nanoTime() - removedAt)).isLessThanOrEqualTo(CACHE_EXPIRY.plusSeconds(2));
    }

    @Test
    void aDomainAddedByAnotherNodeTakesMailWithinTheCacheExpiry() {
        assertThat(rcptReply("nobody@joined.example")).isEqualTo(RELAYING_DENIED);

        otherNode.execute(SimpleStatement.newInstance("INSERT INTO domains (domain) VALUES (?)", "joined.example"));

        await().atMost(CACHE_EXPIRY.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
            .until(() -> rcptReply("nobody@joined.example").startsWith(UNKNOWN_USER));
    }

    private static String rcptReply(String recipient) {
        try (LineDialogue smtp = SmtpSessions.greeted(server.port(25))) {
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<someone@sender.example>")).startsWith("250");
            return smtp.smtp("RCPT TO:<" + recipient + ">");
        }
    }
}
