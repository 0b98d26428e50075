/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.ModSeqProvider;

import com.datastax.oss.driver.api.core.CqlSession;

import reactor.core.publisher.Mono;

/**
 * MODSEQs from James's {@code modseq} table, allocated by {@link CounterAllocator}: one compare-and-set per change
 * instead of James's SERIAL read plus compare-and-set. The first MODSEQ given is 1; a mailbox without any has 0.
 *
 * <p>The highest-MODSEQ reads are unchanged from James: the blocking ones read with SERIAL consistency when
 * {@code uid.read.strong.consistency.unsafe} is true (James 3.8.1 consults the UID flag there, not the MODSEQ one, and
 * we keep that so the configuration means the same on both), the reactive one with the session's default consistency.
 */
public class OptimisticModSeqProvider implements ModSeqProvider {
    private final CounterStatements statements;
    private final CounterAllocator allocator;
    private final CassandraConfiguration configuration;

    /**
     * @param session the mailbox keyspace's session
     * @param configuration James's Cassandra tuning: {@code mailbox.max.retry.modseq} and the read consistency
     */
    @Inject
    public OptimisticModSeqProvider(CqlSession session, CassandraConfiguration configuration) {
        this.statements = new CounterStatements(session, CounterColumn.MODSEQ);
        this.allocator = new CounterAllocator(statements,
            new LastSeenCounterValues(LastSeenCounterValues.DEFAULT_CAPACITY), configuration.getModSeqMaxRetry());
        this.configuration = configuration;
    }

    @Override
    public ModSeq nextModSeq(Mailbox mailbox) throws MailboxException {
        return nextModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq nextModSeq(MailboxId mailboxId) throws MailboxException {
        return nextModSeqReactive(mailboxId)
            .blockOptional()
            .orElseThrow(() -> new MailboxException("No MODSEQ could be allocated in " + mailboxId));
    }

    @Override
    public Mono<ModSeq> nextModSeqReactive(MailboxId mailboxId) {
        return allocator.reserve(uuidOf(mailboxId), 1)
            .map(ModSeq::of);
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) throws MailboxException {
        return highestModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq highestModSeq(MailboxId mailboxId) throws MailboxException {
        return highest(uuidOf(mailboxId), configuration.isUidReadStrongConsistency()).block();
    }

    @Override
    public Mono<ModSeq> highestModSeqReactive(Mailbox mailbox) {
        return highest(uuidOf(mailbox.getMailboxId()), false);
    }

    private Mono<ModSeq> highest(UUID mailboxId, boolean serial) {
        return statements.read(mailboxId, serial)
            .map(value -> value.isPresent() ? ModSeq.of(value.getAsLong()) : ModSeq.first());
    }

    private static UUID uuidOf(MailboxId mailboxId) {
        return ((CassandraId) mailboxId).asUuid();
    }
}
