/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;

import com.google.common.cache.CacheBuilder;

/**
 * The last value of a counter this node saw, per mailbox: a guess to start the next compare-and-set from.
 *
 * <p>Nothing here is trusted: Cassandra's conditional write checks every guess. A wrong guess (another node moved the
 * counter, or two threads of this node raced) costs one losing write, whose answer carries the real value. The map is
 * bounded, least recently used mailboxes are dropped first, and a dropped mailbox falls back to one SERIAL read.
 */
final class LastSeenCounterValues {
    /** Mailboxes receiving mail at the same time on one node; a few bytes each. */
    static final int DEFAULT_CAPACITY = 5_000;

    private final ConcurrentMap<UUID, Long> values;

    /** @param capacity how many mailboxes to remember at most */
    LastSeenCounterValues(int capacity) {
        this.values = CacheBuilder.newBuilder()
            .maximumSize(capacity)
            .<UUID, Long>build()
            .asMap();
    }

    OptionalLong get(UUID mailboxId) {
        Long value = values.get(mailboxId);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * This node's own write stored {@code value}. Kept only if higher than what is remembered: a thread that won
     * earlier may report after one that won later, and the higher value is the one that saves a losing write.
     */
    void wrote(UUID mailboxId, long value) {
        values.merge(mailboxId, value, Math::max);
    }

    /**
     * Cassandra reported {@code value} as current. Replaces whatever was remembered, even a higher value: the answer
     * of a Paxos round is authoritative, and keeping a higher remembered value would fail every following write.
     */
    void found(UUID mailboxId, long value) {
        values.put(mailboxId, value);
    }

    /** Nothing is known any more; the next allocation starts with a SERIAL read. */
    void forget(UUID mailboxId) {
        values.remove(mailboxId);
    }
}
