/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.Test;

class FetchedUidRangesTest {
    private static final long STAR = Long.MAX_VALUE;
    // Five messages with UIDs 10, 11, 12, 20, 21.
    private static final List<Long> UIDS = List.of(10L, 11L, 12L, 20L, 21L);
    private static final IntFunction<Optional<MessageUid>> UID_OF = msn ->
        msn >= 1 && msn <= UIDS.size() ? Optional.of(MessageUid.of(UIDS.get(msn - 1))) : Optional.empty();

    private static Optional<List<MessageRange>> ranges(boolean useUids, IdRange... ids) {
        return FetchedUidRanges.of(ids, useUids, UIDS.size(), Optional.of(MessageUid.of(21)), UID_OF);
    }

    private static MessageRange range(long from, long to) {
        return MessageRange.range(MessageUid.of(from), MessageUid.of(to));
    }

    @Test
    void sequenceNumbersBecomeTheUidsOfTheirFirstAndLastMessage() {
        assertThat(ranges(false, new IdRange(2, 4))).contains(List.of(range(11, 20)));
    }

    @Test
    void starIsTheLastMessageForSequenceNumbers() {
        assertThat(ranges(false, new IdRange(1, STAR), new IdRange(STAR, STAR)))
            .contains(List.of(range(10, 21), range(21, 21)));
    }

    @Test
    void aSequenceNumberTheSessionDoesNotKnowGivesNoRanges() {
        assertThat(ranges(false, new IdRange(1, 2), new IdRange(4, 6))).isEmpty();
        assertThat(ranges(false, new IdRange(0, 1))).isEmpty();
    }

    @Test
    void uidRangesStopAtTheLastUid() {
        assertThat(ranges(true, new IdRange(1, STAR), new IdRange(12, 1000))).contains(List.of(range(1, 21), range(12, 21)));
    }

    @Test
    void aUidRangeAboveTheLastUidIsLeftToJames() {
        assertThat(ranges(true, new IdRange(30, STAR), new IdRange(10, 10))).contains(List.of(range(10, 10)));
    }

    @Test
    void anEmptyMailboxGivesNoRanges() {
        assertThat(FetchedUidRanges.of(new IdRange[] {new IdRange(1, STAR)}, true, 0, Optional.empty(), UID_OF)).isEmpty();
    }

    @Test
    void contiguousUnseenMessagesAreUpdatedAsOneRange() {
        List<MessageUid> unseen = List.of(MessageUid.of(12), MessageUid.of(10), MessageUid.of(11));
        assertThat(FetchedUidRanges.fewestCovering(unseen, List.of(range(10, 21)))).containsExactly(range(10, 12));
    }

    @Test
    void scatteredUnseenMessagesAreUpdatedThroughTheRequestedRangesWhenThoseAreFewer() {
        List<MessageUid> unseen = List.of(MessageUid.of(10), MessageUid.of(12), MessageUid.of(21));
        assertThat(FetchedUidRanges.fewestCovering(unseen, List.of(range(10, 21)))).containsExactly(range(10, 21));
    }

    @Test
    void manyUnseenMessagesAreCutIntoDisjointRunsInsideTheRequestedRanges() {
        // 1 to 400 requested in two ranges, 101 to 120 already seen: 380 unseen.
        List<MessageUid> unseen = new ArrayList<>();
        LongStream.rangeClosed(1, 400).filter(uid -> uid <= 100 || uid > 120).forEach(uid -> unseen.add(MessageUid.of(uid)));
        Collections.shuffle(unseen, new Random(7));

        List<List<MessageRange>> parts = FetchedUidRanges.inParts(unseen, List.of(range(1, 150), range(151, 400)), 4);

        // 95 per run: 1-95, 96-100 and 121-210, 211-305, 306-400.
        assertThat(parts).containsExactly(
            List.of(range(1, 95)),
            List.of(range(96, 100), range(121, 210)),
            List.of(range(211, 305)),
            List.of(range(306, 400)));
    }

    @Test
    void fewerUnseenMessagesThanPartsGiveOneRunEach() {
        assertThat(FetchedUidRanges.inParts(List.of(MessageUid.of(20), MessageUid.of(10)), List.of(range(10, 21)), 4))
            .containsExactly(List.of(range(10, 10)), List.of(range(20, 20)));
        assertThat(FetchedUidRanges.inParts(List.of(MessageUid.of(10), MessageUid.of(12)), List.of(range(10, 21)), 1))
            .containsExactly(List.of(range(10, 12)));
    }
}
