/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraUidProvider;
import org.apache.james.mailbox.cassandra.table.CassandraMessageUidTable;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.mailfort.testing.cassandra.CassandraExtension;

/**
 * UID allocation on the real Cassandra: James's semantics (first UID 1, +1 each time, {@code lastUid} sees the last
 * one, no duplicate under parallel calls), two "nodes" with their own memory sharing one mailbox, nodes still running
 * James's provider, and the saving itself: no read of {@code messagecounter} once a mailbox's value is known.
 */
class OptimisticUidProviderTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private static final String TABLE = CassandraMessageUidTable.TABLE_NAME;

    private static CqlSession realSession;
    private static StatementCountingSession counting;
    private static CqlSession session;

    private CassandraId mailboxId;
    private Mailbox mailbox;
    private OptimisticUidProvider node1;
    private OptimisticUidProvider node2;

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
        node1 = new OptimisticUidProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        node2 = new OptimisticUidProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        counting.reset();
    }

    @Test
    void newMailboxHasNoLastUid() throws Exception {
        assertThat(node1.lastUid(mailbox)).isEmpty();
        assertThat(node1.lastUidReactive(mailbox).block()).isEmpty();
    }

    @Test
    void firstUidOfANewMailboxIsOne() throws Exception {
        assertThat(node1.nextUid(mailbox)).isEqualTo(MessageUid.MIN_VALUE);
    }

    @Test
    void firstBulkAllocationOfANewMailboxStartsAtOne() {
        assertThat(node1.nextUids(mailboxId, 3).block())
            .containsExactly(MessageUid.of(1), MessageUid.of(2), MessageUid.of(3));
        assertThat(node1.lastUid(mailbox)).contains(MessageUid.of(3));
    }

    @Test
    void eachUidIsOneMoreThanThePreviousAndLastUidSeesIt() throws Exception {
        for (long expected = 1; expected <= 50; expected++) {
            MessageUid uid = node1.nextUid(mailbox);

            assertThat(uid.asLong()).isEqualTo(expected);
            assertThat(node1.lastUid(mailbox)).contains(uid);
        }
    }

    @Test
    void bulkAllocationFollowsSingleOnes() throws Exception {
        node1.nextUid(mailbox);
        node1.nextUid(mailbox);

        assertThat(node1.nextUids(mailboxId, 3).block())
            .containsExactly(MessageUid.of(3), MessageUid.of(4), MessageUid.of(5));
        assertThat(node1.nextUidReactive(mailboxId).block()).isEqualTo(MessageUid.of(6));
    }

    @Test
    void bulkAllocationOfNothingTouchesNothing() {
        assertThat(node1.nextUids(mailboxId, 0).block()).isEmpty();
        assertThat(node1.lastUid(mailbox)).isEmpty();
    }

    @Test
    void secondNodeContinuesWhereTheFirstStopped() throws Exception {
        node1.nextUid(mailbox);
        node1.nextUid(mailbox);

        assertThat(node2.nextUid(mailbox)).isEqualTo(MessageUid.of(3));
    }

    @Test
    void nodeWhoseRememberedValueIsStaleStillGetsTheNextUid() throws Exception {
        node1.nextUid(mailbox);
        for (int i = 0; i < 4; i++) {
            node2.nextUid(mailbox);
        }
        counting.reset();

        assertThat(node1.nextUid(mailbox)).isEqualTo(MessageUid.of(6));
        assertThat(counting.conditionalWritesOn(TABLE)).as("one lost to node 2's value, one won").isEqualTo(2);
        assertThat(counting.readsOf(TABLE)).as("the lost write's answer replaces a read").isZero();
        assertThat(node1.nextUid(mailbox)).isEqualTo(MessageUid.of(7));
    }

    @Test
    void steadyStateAllocationSendsOneConditionalWriteAndNoSerialRead() throws Exception {
        node1.nextUid(mailbox);
        assertThat(counting.serialReadsOf(TABLE)).as("nothing remembered yet: one SERIAL read").isEqualTo(1);
        counting.reset();

        for (int i = 0; i < 20; i++) {
            node1.nextUid(mailbox);
        }
        node1.nextUids(mailboxId, 5).block();

        assertThat(counting.serialReadsOf(TABLE)).isZero();
        assertThat(counting.readsOf(TABLE)).isZero();
        assertThat(counting.conditionalWritesOn(TABLE)).isEqualTo(21);
        assertThat(node1.lastUid(mailbox)).contains(MessageUid.of(26));
    }

    @Test
    void rememberedValueOfAMailboxWhoseRowIsGoneCostsOneSerialReadThenStartsOver() throws Exception {
        node1.nextUid(mailbox);
        node1.nextUid(mailbox);
        realSession.execute(realSession.prepare("DELETE FROM " + TABLE + " WHERE "
            + CassandraMessageUidTable.MAILBOX_ID.asInternal() + " = ?").bind(mailboxId.asUuid()));
        counting.reset();

        assertThat(node1.nextUid(mailbox)).isEqualTo(MessageUid.MIN_VALUE);
        assertThat(counting.conditionalWritesOn(TABLE)).as("the lost compare-and-set, then the creation").isEqualTo(2);
        assertThat(counting.serialReadsOf(TABLE)).as("the lost write's answer had no value to start from").isEqualTo(1);
    }

    @Test
    void twoNodesWithManyThreadsHandOutEveryUidOnceWithoutGaps() throws Exception {
        List<MessageUid> uids = allocateConcurrently(List.of(node1, node2), 8, 30);

        assertThat(uids).hasSize(240).doesNotHaveDuplicates();
        assertThat(uids).extracting(MessageUid::asLong)
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 240).boxed().toList());
        assertThat(node1.lastUid(mailbox)).contains(MessageUid.of(240));
    }

    @Test
    void twoNodesMixingSingleAndBulkAllocationsHandOutEveryUidOnce() throws Exception {
        node1.nextUid(mailbox);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<MessageUid>>> results = new ArrayList<>();
            for (int thread = 0; thread < 6; thread++) {
                OptimisticUidProvider node = thread % 2 == 0 ? node1 : node2;
                results.add(threads.submit(() -> {
                    List<MessageUid> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        mine.addAll(node.nextUids(mailboxId, 3).block());
                        mine.add(node.nextUid(mailbox));
                    }
                    return mine;
                }));
            }
            List<MessageUid> all = new ArrayList<>(List.of(MessageUid.MIN_VALUE));
            for (Future<List<MessageUid>> result : results) {
                all.addAll(result.get(2, TimeUnit.MINUTES));
            }

            assertThat(all).extracting(MessageUid::asLong)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 241).boxed().toList());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void nodesRunningJamesProviderAndOursShareAMailboxWithoutDuplicates() throws Exception {
        CassandraUidProvider jamesNode = new CassandraUidProvider(realSession, CassandraConfiguration.DEFAULT_CONFIGURATION);
        jamesNode.nextUid(mailbox);
        node1.nextUid(mailbox);

        List<MessageUid> uids = allocateConcurrently(List.of(node1, jamesNode, node2), 6, 20);

        assertThat(uids).extracting(MessageUid::asLong)
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(3, 122).boxed().toList());
        assertThat(jamesNode.lastUid(mailbox)).contains(MessageUid.of(122));
    }

    @Test
    void givesUpAfterTheConfiguredRetriesWhenTheCounterCannotBeMoved() throws Exception {
        // A row without a value can neither be compared nor created: every attempt loses.
        realSession.execute(realSession.prepare("INSERT INTO " + TABLE + " (" + CassandraMessageUidTable.MAILBOX_ID.asInternal() + ") VALUES (?)")
            .bind(mailboxId.asUuid()));
        OptimisticUidProvider impatient = new OptimisticUidProvider(session,
            CassandraConfiguration.builder().uidMaxRetry(3).build());
        counting.reset();

        assertThatThrownBy(() -> impatient.nextUid(mailbox)).hasMessageContaining("Retries exhausted: 3/3");
        assertThat(counting.conditionalWritesOn(TABLE)).as("the first try and 3 retries").isEqualTo(4);
    }

    private List<MessageUid> allocateConcurrently(List<UidProvider> nodes, int threadCount, int perThread) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<List<MessageUid>>> results = new ArrayList<>();
            for (int thread = 0; thread < threadCount; thread++) {
                UidProvider node = nodes.get(thread % nodes.size());
                Callable<List<MessageUid>> allocations = () -> {
                    List<MessageUid> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(node.nextUid(mailbox));
                    }
                    return mine;
                };
                results.add(threads.submit(allocations));
            }
            List<MessageUid> all = new ArrayList<>();
            for (Future<List<MessageUid>> result : results) {
                all.addAll(result.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }
}
