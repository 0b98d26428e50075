/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.events.Event;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.ids.CassandraMessageId;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

class CurrentQuotaUpdaterTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final MailboxPath INBOX = MailboxPath.inbox(ALICE);
    private static final MailboxPath ARCHIVE = MailboxPath.forUser(ALICE, "Archive");
    private static final MailboxId INBOX_ID = CassandraId.timeBased();
    // The quota root James's resolver gives Alice: usage is counted per user, whatever the folder.
    private static final QuotaRoot ALICES_QUOTA = QuotaRoot.quotaRoot("#private&alice@example.com", Optional.of(ALICE.getDomainPart().get()));
    private static final MailboxSession.SessionId SESSION = MailboxSession.SessionId.of(42);

    private final UsageOnlyQuotas quotas = new UsageOnlyQuotas();
    // Resolving from a path needs neither sessions nor storage, so the resolver gets none.
    private final CurrentQuotaUpdater updater = new CurrentQuotaUpdater(quotas, new DefaultUserQuotaRootResolver(null, null));
    private final CassandraMessageId.Factory messageIds = new CassandraMessageId.Factory();
    private long nextUid = 1;

    @Test
    void deliveredMessagesAddTheirCountAndBytesToTheOwnersUsage() {
        handle(added(INBOX, 1200, 800));

        assertThat(quotas.operations).containsExactly(increase(2, 2000));
    }

    @Test
    void messagesAddedToAnotherFolderCountTowardsTheSameQuotaRoot() {
        handle(added(INBOX, 100));
        handle(added(ARCHIVE, 300));

        assertThat(quotas.operations).containsExactly(increase(1, 100), increase(1, 300));
    }

    @Test
    void expungedMessagesTakeTheirCountAndBytesBack() {
        handle(expunged(INBOX, 1200, 800, 50));

        assertThat(quotas.operations).containsExactly(decrease(3, 2050));
    }

    @Test
    void deletedMailboxReleasesTheMessagesItHeld() {
        handle(mailboxDeletion(4, 9000));

        assertThat(quotas.operations).containsExactly(decrease(4, 9000));
    }

    @Test
    void deletedEmptyMailboxChangesNothing() {
        handle(mailboxDeletion(0, 0));

        assertThat(quotas.operations).isEmpty();
    }

    @Test
    void eventWithoutMessagesChangesNothing() {
        handle(added(INBOX));
        handle(expunged(INBOX));

        assertThat(quotas.operations).isEmpty();
    }

    @Test
    void handlesOnlyTheEventsThatChangeUsage() {
        assertThat(updater.isHandling(added(INBOX, 10))).isTrue();
        assertThat(updater.isHandling(expunged(INBOX, 10))).isTrue();
        assertThat(updater.isHandling(mailboxDeletion(1, 10))).isTrue();
        assertThat(updater.isHandling(new MailboxEvents.MailboxAdded(SESSION, ALICE, ARCHIVE, CassandraId.timeBased(),
            Event.EventId.random()))).isFalse();
    }

    @Test
    void neverReadsUsageBack() {
        // The fake fails any read: James's updater read the usage and the three limits again after each change.
        handle(added(INBOX, 10));
        handle(expunged(INBOX, 10));
        handle(mailboxDeletion(1, 10));

        assertThat(quotas.operations).hasSize(3);
    }

    @Test
    void needsNeitherTheLimitsNorTheEventBus() {
        // What it is given is all it can use: no MaxQuotaManager or QuotaManager to read limits, no bus to publish on.
        Constructor<?>[] constructors = CurrentQuotaUpdater.class.getConstructors();

        assertThat(constructors).hasSize(1);
        assertThat(constructors[0].getParameterTypes()).containsExactly(CurrentQuotaManager.class, QuotaRootResolver.class);
    }

    @Test
    void failedUsageWriteFailsTheEventSoTheBusRetriesIt() {
        quotas.failWrites = true;

        assertThatThrownBy(() -> handle(added(INBOX, 10))).hasMessageContaining("Cassandra timeout");
    }

    @Test
    void keepsJamesGroupSoItsDeadLettersAndClusterQueueStayInUse() {
        Group group = updater.getDefaultGroup();

        assertThat(group).isEqualTo(ListeningCurrentQuotaUpdater.GROUP);
        assertThat(group.asString())
            .isEqualTo("org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater$ListeningCurrentQuotaUpdaterGroup");
    }

    @Test
    void satisfiesTheQuotaUpdaterBinding() {
        assertThat(updater).isInstanceOf(QuotaUpdater.class);
    }

    private void handle(Event event) {
        Mono.from(updater.reactiveEvent(event)).block();
    }

    private static String increase(long count, long bytes) {
        return "increase " + count + " messages " + bytes + " bytes of " + ALICES_QUOTA.getValue();
    }

    private static String decrease(long count, long bytes) {
        return "decrease " + count + " messages " + bytes + " bytes of " + ALICES_QUOTA.getValue();
    }

    private MailboxEvents.Added added(MailboxPath path, long... sizes) {
        return new MailboxEvents.Added(SESSION, ALICE, path, INBOX_ID, messages(sizes), Event.EventId.random(), true);
    }

    private MailboxEvents.Expunged expunged(MailboxPath path, long... sizes) {
        return new MailboxEvents.Expunged(SESSION, ALICE, path, INBOX_ID, messages(sizes), Event.EventId.random());
    }

    private static MailboxEvents.MailboxDeletion mailboxDeletion(long count, long bytes) {
        return new MailboxEvents.MailboxDeletion(SESSION, ALICE, ARCHIVE, new MailboxACL(), ALICES_QUOTA,
            QuotaCountUsage.count(count), QuotaSizeUsage.size(bytes), CassandraId.timeBased(), Event.EventId.random());
    }

    private TreeMap<MessageUid, MessageMetaData> messages(long... sizes) {
        TreeMap<MessageUid, MessageMetaData> messages = new TreeMap<>();
        for (long size : sizes) {
            MessageUid uid = MessageUid.of(nextUid++);
            MessageId messageId = messageIds.generate();
            messages.put(uid, new MessageMetaData(uid, ModSeq.of(uid.asLong()), new Flags(), size, new Date(),
                Optional.empty(), messageId, ThreadId.fromBaseMessageId(messageId)));
        }
        return messages;
    }

    /** Records the changes made to usage; any read fails, since updating usage must not need one. */
    private static final class UsageOnlyQuotas implements CurrentQuotaManager {
        final List<String> operations = new ArrayList<>();
        boolean failWrites;

        @Override
        public Publisher<Void> increase(QuotaOperation operation) {
            return record("increase", operation);
        }

        @Override
        public Publisher<Void> decrease(QuotaOperation operation) {
            return record("decrease", operation);
        }

        private Mono<Void> record(String change, QuotaOperation operation) {
            return Mono.fromRunnable(() -> {
                if (failWrites) {
                    throw new IllegalStateException("Cassandra timeout");
                }
                operations.add(change + " " + operation.count().asLong() + " messages " + operation.size().asLong()
                    + " bytes of " + operation.quotaRoot().getValue());
            });
        }

        @Override
        public Publisher<QuotaCountUsage> getCurrentMessageCount(QuotaRoot quotaRoot) {
            throw new UnsupportedOperationException("read of the message count");
        }

        @Override
        public Publisher<QuotaSizeUsage> getCurrentStorage(QuotaRoot quotaRoot) {
            throw new UnsupportedOperationException("read of the storage");
        }

        @Override
        public Publisher<CurrentQuotas> getCurrentQuotas(QuotaRoot quotaRoot) {
            throw new UnsupportedOperationException("read of the usage");
        }

        @Override
        public Publisher<Void> setCurrentQuotas(QuotaOperation operation) {
            throw new UnsupportedOperationException("usage overwritten");
        }
    }
}
