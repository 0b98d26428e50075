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
import java.util.stream.Collectors;

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

    /**
     * {@code uids} cut into at most {@code parts} runs of consecutive UIDs of about the same size, each with the fewest
     * ranges that cover it inside {@code requested} (see {@link #fewestCovering}). The runs do not overlap, so their
     * updates can run side by side without touching a message twice or one the FETCH does not name.
     *
     * @param uids the UIDs that must change, all inside {@code requested}
     * @param requested the ranges the command named
     * @param parts how many runs at most, 1 or more
     */
    static List<List<MessageRange>> inParts(Collection<MessageUid> uids, List<MessageRange> requested, int parts) {
        List<MessageUid> sorted = uids.stream().sorted().collect(Collectors.toList());
        int perPart = Math.max(1, (sorted.size() + parts - 1) / parts);
        List<List<MessageRange>> result = new ArrayList<>();
        for (int start = 0; start < sorted.size(); start += perPart) {
            List<MessageUid> run = sorted.subList(start, Math.min(sorted.size(), start + perPart));
            result.add(fewestCovering(run, clipped(requested, run.get(0), run.get(run.size() - 1))));
        }
        return result;
    }

    private static List<MessageRange> clipped(List<MessageRange> requested, MessageUid low, MessageUid high) {
        List<MessageRange> clipped = new ArrayList<>();
        for (MessageRange range : requested) {
            MessageUid from = max(range.getUidFrom(), low);
            MessageUid to = min(range.getUidTo(), high);
            if (from.compareTo(to) <= 0) {
                clipped.add(MessageRange.range(from, to));
            }
        }
        return clipped;
    }

    private static MessageUid max(MessageUid a, MessageUid b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static MessageUid min(MessageUid a, MessageUid b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
