/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import javax.inject.Inject;

import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.model.MailboxCounters;

import com.datastax.oss.driver.api.core.CqlSession;

import reactor.core.publisher.Mono;

/**
 * James's mailbox counter writes, each failure reported to {@link MailboxCounterRepairs} before James swallows it.
 * The failure still reaches James, which logs it as before.
 */
public class RepairReportingMailboxCounterDAO extends CassandraMailboxCounterDAO {
    private final MailboxCounterRepairs repairs;

    @Inject
    public RepairReportingMailboxCounterDAO(CqlSession session, MailboxCounterRepairs repairs) {
        super(session);
        this.repairs = repairs;
    }

    @Override
    public Mono<Void> incrementCount(CassandraId mailboxId) {
        return reported(mailboxId, super.incrementCount(mailboxId));
    }

    @Override
    public Mono<Void> decrementCount(CassandraId mailboxId) {
        return reported(mailboxId, super.decrementCount(mailboxId));
    }

    @Override
    public Mono<Void> incrementUnseen(CassandraId mailboxId) {
        return reported(mailboxId, super.incrementUnseen(mailboxId));
    }

    @Override
    public Mono<Void> decrementUnseen(CassandraId mailboxId) {
        return reported(mailboxId, super.decrementUnseen(mailboxId));
    }

    @Override
    public Mono<Void> incrementUnseenAndCount(CassandraId mailboxId) {
        return reported(mailboxId, super.incrementUnseenAndCount(mailboxId));
    }

    @Override
    public Mono<Void> incrementUnseenAndCount(CassandraId mailboxId, long count, long unseen) {
        return reported(mailboxId, super.incrementUnseenAndCount(mailboxId, count, unseen));
    }

    @Override
    public Mono<Void> decrementUnseenAndCount(CassandraId mailboxId) {
        return reported(mailboxId, super.decrementUnseenAndCount(mailboxId));
    }

    @Override
    public Mono<Void> add(MailboxCounters counters) {
        return reported((CassandraId) counters.getMailboxId(), super.add(counters));
    }

    @Override
    public Mono<Void> remove(MailboxCounters counters) {
        return reported((CassandraId) counters.getMailboxId(), super.remove(counters));
    }

    private Mono<Void> reported(CassandraId mailboxId, Mono<Void> write) {
        return write.doOnError(e -> repairs.counterWriteFailed(mailboxId));
    }
}
