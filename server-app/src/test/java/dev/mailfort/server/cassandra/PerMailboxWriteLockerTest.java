/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxPathLocker.LockType;
import org.apache.james.mailbox.model.MailboxPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The writes James runs under the locker, modelled the way {@code StoreMessageManager} appends: take the next UID,
 * store, then dispatch the event that selected IMAP sessions apply. The first append is held after taking its UID
 * while a second one is started: with James's {@code NoMailboxPathLocker} the second dispatches UID 12 before the
 * first dispatches UID 11 (issue 12, parallel APPEND).
 */
class PerMailboxWriteLockerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MailboxPath INBOX = MailboxPath.inbox(Username.of("user@example.com"));
    private static final MailboxPath SENT = MailboxPath.forUser(Username.of("user@example.com"), "Sent");

    private final MailboxPathLocker locker = new PerMailboxWriteLocker();
    private final AtomicLong lastUid = new AtomicLong(10);
    private final List<Long> dispatched = new CopyOnWriteArrayList<>();

    @Test
    void appendsToOneMailboxDispatchTheirEventsInUidOrder() {
        Sinks.Empty<Void> firstStored = Sinks.empty();
        Mono<Long> first = append(INBOX, firstStored.asMono()).cache();
        first.subscribe();
        Awaitility.await().atMost(WAIT).until(() -> lastUid.get() == 11);

        Mono<Long> second = append(INBOX, Mono.empty()).cache();
        second.subscribe();
        firstStored.tryEmitEmpty();

        assertThat(first.block(WAIT)).isEqualTo(11);
        assertThat(second.block(WAIT)).isEqualTo(12);
        assertThat(dispatched).containsExactly(11L, 12L);
    }

    @Test
    void anAppendToAnotherMailboxDoesNotWait() {
        Sinks.Empty<Void> inboxStored = Sinks.empty();
        Disposable inbox = append(INBOX, inboxStored.asMono()).subscribe();
        Awaitility.await().atMost(WAIT).until(() -> lastUid.get() == 11);

        assertThat(append(SENT, Mono.empty()).block(WAIT)).isEqualTo(12);
        assertThat(dispatched).containsExactly(12L);
        inbox.dispose();
    }

    @Test
    void aFailedAppendReleasesTheMailbox() {
        Mono<Long> failing = append(INBOX, Mono.error(new IllegalStateException("store failed")));
        assertThatThrownBy(() -> failing.block(WAIT)).hasMessageContaining("store failed");

        assertThat(append(INBOX, Mono.empty()).block(WAIT)).isEqualTo(12);
    }

    @Test
    void anAppendCancelledWhileStoringReleasesTheMailbox() {
        Disposable abandoned = append(INBOX, Mono.never()).subscribe();
        Awaitility.await().atMost(WAIT).until(() -> lastUid.get() == 11);
        abandoned.dispose();

        assertThat(append(INBOX, Mono.empty()).block(WAIT)).isEqualTo(12);
    }

    /** Takes a UID, waits for the store to end, then records the UID as its event. */
    private Mono<Long> append(MailboxPath path, Mono<Void> store) {
        return Mono.from(locker.executeReactiveWithLockReactive(path,
            Mono.fromCallable(lastUid::incrementAndGet)
                .flatMap(uid -> store.then(Mono.fromRunnable(() -> dispatched.add(uid))).thenReturn(uid)),
            LockType.Write));
    }
}
