/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.events;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.base.Preconditions;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Event dead letters in Cassandra (tables in {@link EventDeadLetterTables}): they survive a restart or a crash of the
 * node whose listener failed, and every node of a cluster lists and redelivers the same ones.
 *
 * <p>A group is written to the groups table before its event, and never removed from it; the listing then keeps only
 * groups that still have an event. Removing a group's row once it looks empty would race with a concurrent
 * {@link #store}: the new event would exist but no longer be listed, so nobody would ever redeliver it. The groups
 * table stays as small as the set of listener groups that ever failed.
 *
 * <p>Reads and writes use the session's consistency (QUORUM by default), so any node sees what another one stored.
 */
public class CassandraEventDeadLetters implements EventDeadLetters {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraEventDeadLetters.class);

    private final FailedEventsDAO events;
    private final FailedGroupsDAO groups;
    private final EventSerializer serializer;

    /**
     * @param session the server's session, bound to the keyspace holding {@link EventDeadLetterTables#MODULE}
     * @param serializer turns the failed events into JSON and back (the mailbox event serializer in the server)
     */
    @Inject
    public CassandraEventDeadLetters(CqlSession session, EventSerializer serializer) {
        this.events = new FailedEventsDAO(session);
        this.groups = new FailedGroupsDAO(session);
        this.serializer = serializer;
    }

    @Override
    public Mono<InsertionId> store(Group registeredGroup, Event failDeliveredEvent) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        Preconditions.checkArgument(failDeliveredEvent != null, FAIL_DELIVERED_EVENT_CANNOT_BE_NULL);
        String group = registeredGroup.asString();
        InsertionId insertionId = InsertionId.random();
        return Mono.fromCallable(() -> serializer.toJson(failDeliveredEvent))
            .flatMap(json -> groups.add(group).then(events.insert(group, insertionId.getId(), json)))
            .thenReturn(insertionId);
    }

    @Override
    public Mono<Void> remove(Group registeredGroup, InsertionId failDeliveredInsertionId) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        Preconditions.checkArgument(failDeliveredInsertionId != null, FAIL_DELIVERED_ID_INSERTION_CANNOT_BE_NULL);
        return events.delete(registeredGroup.asString(), failDeliveredInsertionId.getId());
    }

    @Override
    public Mono<Void> remove(Group registeredGroup) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        return events.deleteAll(registeredGroup.asString());
    }

    @Override
    public Mono<Event> failedEvent(Group registeredGroup, InsertionId failDeliveredInsertionId) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        Preconditions.checkArgument(failDeliveredInsertionId != null, FAIL_DELIVERED_ID_INSERTION_CANNOT_BE_NULL);
        return events.eventJson(registeredGroup.asString(), failDeliveredInsertionId.getId())
            .map(serializer::asEvent);
    }

    @Override
    public Flux<InsertionId> failedIds(Group registeredGroup) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        return events.insertionIds(registeredGroup.asString()).map(InsertionId::of);
    }

    @Override
    public Flux<Group> groupsWithFailedEvents() {
        return groups.all()
            .concatMap(group -> events.hasEvents(group).filter(Boolean::booleanValue).map(any -> group))
            .concatMap(this::deserialize);
    }

    @Override
    public Mono<Boolean> containEvents() {
        return groupsWithFailedEvents().hasElements();
    }

    /**
     * A group whose listener class is gone (renamed or removed by an upgrade) cannot be redelivered to: it is left
     * out with a warning rather than failing the whole listing, which would hide every other group's failures.
     */
    private Mono<Group> deserialize(String group) {
        try {
            return Mono.just(Group.deserialize(group));
        } catch (Group.GroupDeserializationException e) {
            LOGGER.warn("Event dead letters of unknown listener group {} left out (table {}): {}", group,
                EventDeadLetterTables.EVENTS, e.getMessage());
            return Mono.empty();
        }
    }
}
