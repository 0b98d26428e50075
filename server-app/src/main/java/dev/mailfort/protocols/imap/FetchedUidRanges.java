/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

/**
 * The UID ranges of the messages a FETCH names, as far as they can be told without doubt, and the fewest ranges that
 * cover a set of UIDs. Used by {@link SeenMarkedInOneUpdateFetchProcessor}, which must never mark a message the FETCH
 * does not return: whatever is unusual (a sequence number the client was not given, an empty mailbox) gives no range,
 * and James then handles the command alone, as before.
 */
final class FetchedUidRanges {
    private FetchedUidRanges() {
    }

    /**
     * @param ids the FETCH's sequence set, {@code Long.MAX_VALUE} standing for {@code *}
     * @param useUids true for UID FETCH
     * @param existsCount how many messages the session knows
     * @param lastUid the UID of the session's last message
     * @param uidOfMessageNumber the UID of a message sequence number, empty if the session has no such message
     * @return UID ranges, none above {@code lastUid}; empty when a sequence number cannot be translated
     */
    static Optional<List<MessageRange>> of(IdRange[] ids, boolean useUids, long existsCount, Optional<MessageUid> lastUid,
                                           IntFunction<Optional<MessageUid>> uidOfMessageNumber) {
        if (lastUid.isEmpty() || existsCount <= 0) {
            return Optional.empty();
        }
        long last = lastUid.get().asLong();
        List<MessageRange> ranges = new ArrayList<>();
        for (IdRange id : ids) {
            if (useUids) {
                long low = id.getLowVal() == Long.MAX_VALUE ? last : id.getLowVal();
                long high = Math.min(id.getHighVal(), last);
                // "n:*" with n above the last UID names the last message for James (RFC 3501 6.4.8): left to James.
                if (low <= high) {
                    ranges.add(MessageRange.range(MessageUid.of(low), MessageUid.of(high)));
                }
            } else {
                long low = id.getLowVal() == Long.MAX_VALUE ? existsCount : id.getLowVal();
                long high = id.getHighVal() == Long.MAX_VALUE ? existsCount : id.getHighVal();
                if (low < 1 || high > existsCount || low > high) {
                    return Optional.empty();
                }
                Optional<MessageUid> from = uidOfMessageNumber.apply((int) low);
                Optional<MessageUid> to = uidOfMessageNumber.apply((int) high);
                if (from.isEmpty() || to.isEmpty()) {
                    return Optional.empty();
                }
                ranges.add(MessageRange.range(from.get(), to.get()));
            }
        }
        return Optional.of(ranges);
    }

    /**
     * The ranges to update so that exactly the messages of {@code uids} change: their own ranges, or the requested
     * ones when those are fewer (the store skips messages whose flags would not change, but each range costs a
     * modification sequence of its own).
     *
     * @param uids the UIDs that must change, all inside {@code requested}
     * @param requested the ranges the command named
     * @return the shorter list of ranges
     */
    static List<MessageRange> fewestCovering(Collection<MessageUid> uids, List<MessageRange> requested) {
        List<MessageRange> own = MessageRange.toRanges(List.copyOf(uids));
        return own.size() <= requested.size() ? own : requested;
    }
}
