/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.core.Username;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraModSeqProvider;
import org.apache.james.mailbox.cassandra.table.CassandraMessageModseqTable;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.mailfort.testing.cassandra.CassandraExtension;

/**
 * MODSEQ allocation on the real Cassandra: James's semantics (0 before any change, then 1, 2, ...), two "nodes" with
 * their own memory sharing one mailbox, nodes still running James's provider, and no read of {@code modseq} once a
 * mailbox's value is known.
 */
class OptimisticModSeqProviderTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private static final String TABLE = CassandraMessageModseqTable.TABLE_NAME;

    private static CqlSession realSession;
    private static StatementCountingSession counting;
    private static CqlSession session;

    private CassandraId mailboxId;
    private Mailbox mailbox;
    private OptimisticModSeqProvider node1;
    private OptimisticModSeqProvider node2;

    @BeforeAll
    static void openSession() {
        realSession = CounterTablesSession.open(cassandra);
        counting = StatementCountingSession.wrapping(realSession);
        session = counting.session();
    }

    @AfterAll
    static void closeSession() {
        if (realSession != null) {
            realSession.close();
        }
    }

    @BeforeEach
    void newMailboxAndNodes() {
        mailboxId = CassandraId.timeBased();
        mailbox = new Mailbox(new MailboxPath("#private", Username.of("bob@example.com"), "INBOX"), UidValidity.of(42), mailboxId);
        node1 = new OptimisticModSeqProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        node2 = new OptimisticModSeqProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        counting.reset();
    }

    @Test
    void newMailboxHasHighestModSeqZero() throws Exception {
        assertThat(node1.highestModSeq(mailbox)).isEqualTo(ModSeq.first());
        assertThat(node1.highestModSeq(mailboxId)).isEqualTo(ModSeq.first());
        assertThat(node1.highestModSeqReactive(mailbox).block()).isEqualTo(ModSeq.first());
    }

    @Test
    void firstModSeqOfANewMailboxIsOne() throws Exception {
        assertThat(node1.nextModSeq(mailbox)).isEqualTo(ModSeq.of(1));
    }

    @Test
    void eachModSeqIsOneMoreThanThePreviousAndHighestModSeqSeesIt() throws Exception {
        for (long expected = 1; expected <= 50; expected++) {
            ModSeq modSeq = expected % 2 == 0 ? node1.nextModSeq(mailboxId) : node1.nextModSeqReactive(mailboxId).block();

            assertThat(modSeq.asLong()).isEqualTo(expected);
            assertThat(node1.highestModSeq(mailbox)).isEqualTo(modSeq);
            assertThat(node1.highestModSeqReactive(mailbox).block()).isEqualTo(modSeq);
        }
    }

    @Test
    void nodeWhoseRememberedValueIsStaleStillGetsTheNextModSeq() throws Exception {
        node1.nextModSeq(mailbox);
        for (int i = 0; i < 4; i++) {
            node2.nextModSeq(mailbox);
        }
        counting.reset();

        assertThat(node1.nextModSeq(mailbox)).isEqualTo(ModSeq.of(6));
        assertThat(counting.conditionalWritesOn(TABLE)).as("one lost to node 2's value, one won").isEqualTo(2);
        assertThat(counting.readsOf(TABLE)).as("the lost write's answer replaces a read").isZero();
    }

    @Test
    void steadyStateAllocationSendsOneConditionalWriteAndNoSerialRead() throws Exception {
        node1.nextModSeq(mailbox);
        assertThat(counting.serialReadsOf(TABLE)).as("nothing remembered yet: one SERIAL read").isEqualTo(1);
        counting.reset();

        for (int i = 0; i < 20; i++) {
            node1.nextModSeq(mailbox);
        }

        assertThat(counting.serialReadsOf(TABLE)).isZero();
        assertThat(counting.readsOf(TABLE)).isZero();
        assertThat(counting.conditionalWritesOn(TABLE)).isEqualTo(20);
        assertThat(node1.highestModSeq(mailbox)).isEqualTo(ModSeq.of(21));
    }

    @Test
    void twoNodesWithManyThreadsHandOutEveryModSeqOnceWithoutGaps() throws Exception {
        List<ModSeq> modSeqs = allocateConcurrently(List.of(node1, node2), 8, 30);

        assertThat(modSeqs).extracting(ModSeq::asLong)
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 240).boxed().toList());
    }

    @Test
    void nodesRunningJamesProviderAndOursShareAMailboxWithoutDuplicates() throws Exception {
        CassandraModSeqProvider jamesNode = new CassandraModSeqProvider(realSession, CassandraConfiguration.DEFAULT_CONFIGURATION);
        jamesNode.nextModSeq(mailbox);
        node1.nextModSeq(mailbox);

        List<ModSeq> modSeqs = allocateConcurrently(List.of(node1, jamesNode, node2), 6, 20);

        assertThat(modSeqs).extracting(ModSeq::asLong)
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(3, 122).boxed().toList());
        assertThat(jamesNode.highestModSeq(mailbox)).isEqualTo(ModSeq.of(122));
    }

    @Test
    void givesUpAfterTheConfiguredRetriesWhenTheCounterCannotBeMoved() {
        realSession.execute(realSession.prepare("INSERT INTO " + TABLE + " (" + CassandraMessageModseqTable.MAILBOX_ID.asInternal() + ") VALUES (?)")
            .bind(mailboxId.asUuid()));
        OptimisticModSeqProvider impatient = new OptimisticModSeqProvider(session,
            CassandraConfiguration.builder().modSeqMaxRetry(3).build());
        counting.reset();

        assertThatThrownBy(() -> impatient.nextModSeq(mailbox)).hasMessageContaining("Retries exhausted: 3/3");
        assertThat(counting.conditionalWritesOn(TABLE)).as("the first try and 3 retries").isEqualTo(4);
    }

    private List<ModSeq> allocateConcurrently(List<ModSeqProvider> nodes, int threadCount, int perThread) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<List<ModSeq>>> results = new ArrayList<>();
            for (int thread = 0; thread < threadCount; thread++) {
                ModSeqProvider node = nodes.get(thread % nodes.size());
                results.add(threads.submit(() -> {
                    List<ModSeq> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(node.nextModSeq(mailboxId));
                    }
                    return mine;
                }));
            }
            List<ModSeq> all = new ArrayList<>();
            for (Future<List<ModSeq>> result : results) {
                all.addAll(result.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }
}
