/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.JVMMailboxPathLocker;
import org.reactivestreams.Publisher;

/**
 * Lets one append, copy or move into a given mailbox run at a time in this server, so that the sessions that have the
 * mailbox selected learn of new messages in UID order (issue 12: parallel APPENDs to one mailbox).
 *
 * <p>James 3.8.1's {@code StoreMessageManager} assigns the UID, stores the message and dispatches the {@code Added}
 * event inside {@link MailboxPathLocker} (the in-VM event bus returns once the listeners have run), but James's
 * Cassandra assembly uses {@code NoMailboxPathLocker}, which locks nothing. Two sessions appending to one mailbox at
 * once could then have the event of UID 12 delivered before that of UID 11; each selected session's
 * {@code SelectedMailboxImpl} (through {@code UidMsnConverter.addUid}) inserts 11 before 12, which gives a message
 * sequence number the client already knows to another message without an EXPUNGE (RFC 9051 2.3.1.2, 7.5.1).
 * Delegating to James's {@link JVMMailboxPathLocker} serialises these writes per mailbox path: Mailfort runs as one
 * server with the in-VM event bus, so a lock in this JVM is enough. It also makes mailbox creation and rename take
 * the same lock, which James's other assemblies already do.
 *
 * <p>Remove (back to {@code NoMailboxPathLocker}) when the base James keeps a selected mailbox's sequence numbers in
 * place whatever the order of the events: {@code ImapConcurrentSessionsTest} (parallel APPEND) and
 * {@code ImapPipelinedLoadTest} must still pass without it.
 */
public final class PerMailboxWriteLocker implements MailboxPathLocker {
    private final JVMMailboxPathLocker locks = new JVMMailboxPathLocker();

    @Override
    public <T> T executeWithLock(MailboxPath path, LockAwareExecution<T> execution, LockType lockType)
            throws MailboxException {
        return locks.executeWithLock(path, execution, lockType);
    }

    @Override
    public <T> Publisher<T> executeReactiveWithLockReactive(MailboxPath path, Publisher<T> execution,
                                                            LockType lockType) {
        return locks.executeReactiveWithLockReactive(path, execution, lockType);
    }
}
