/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.LongStream;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.UidProvider;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * Message UIDs from James's {@code messagecounter} table, allocated by {@link CounterAllocator}: one compare-and-set
 * per append instead of James's SERIAL read plus compare-and-set. UIDs start at 1; the table keeps the last UID given.
 *
 * <p>{@link #lastUid} is unchanged from James: it reads with SERIAL consistency only if
 * {@code uid.read.strong.consistency.unsafe} is true (the default), and does not use the remembered values.
 */
public class OptimisticUidProvider implements UidProvider {
    private final CounterStatements statements;
    private final CounterAllocator allocator;
    private final CassandraConfiguration configuration;

    /**
     * @param session the mailbox keyspace's session
     * @param configuration James's Cassandra tuning: {@code mailbox.max.retry.uid} and the UID read consistency
     */
    @Inject
    public OptimisticUidProvider(CqlSession session, CassandraConfiguration configuration) {
        this.statements = new CounterStatements(session, CounterColumn.UID);
        this.allocator = new CounterAllocator(statements,
            new LastSeenCounterValues(LastSeenCounterValues.DEFAULT_CAPACITY), configuration.getUidMaxRetry());
        this.configuration = configuration;
    }

    @Override
    public MessageUid nextUid(Mailbox mailbox) throws MailboxException {
        return nextUid(mailbox.getMailboxId());
    }

    @Override
    public MessageUid nextUid(MailboxId mailboxId) throws MailboxException {
        return nextUidReactive(mailboxId)
            .blockOptional()
            .orElseThrow(() -> new MailboxException("No UID could be allocated in " + mailboxId));
    }

    @Override
    public Mono<MessageUid> nextUidReactive(MailboxId mailboxId) {
        return allocator.reserve(uuidOf(mailboxId), 1)
            .map(MessageUid::of);
    }

    @Override
    public Mono<List<MessageUid>> nextUids(MailboxId mailboxId, int count) {
        if (count == 0) {
            return Mono.just(ImmutableList.of());
        }
        return allocator.reserve(uuidOf(mailboxId), count)
            .map(highest -> LongStream.rangeClosed(highest - count + 1, highest)
                .mapToObj(MessageUid::of)
                .collect(ImmutableList.toImmutableList()));
    }

    @Override
    public Optional<MessageUid> lastUid(Mailbox mailbox) {
        return lastUidReactive(mailbox).block();
    }

    @Override
    public Mono<Optional<MessageUid>> lastUidReactive(Mailbox mailbox) {
        return statements.read(uuidOf(mailbox.getMailboxId()), configuration.isUidReadStrongConsistency())
            .map(OptimisticUidProvider::toUid);
    }

    private static Optional<MessageUid> toUid(OptionalLong value) {
        return value.isPresent() ? Optional.of(MessageUid.of(value.getAsLong())) : Optional.empty();
    }

    private static UUID uuidOf(MailboxId mailboxId) {
        return ((CassandraId) mailboxId).asUuid();
    }
}
