/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A FETCH that sets \Seen ({@code BODY[...]}, {@code RFC822}, {@code RFC822.TEXT}) marks its unseen messages in one
 * flags update before James fetches them (issue 8). James 3.8.1 marks them one at a time while it answers, and on
 * Cassandra each single update is a lightweight transaction for the modification sequence, another for the
 * message's flags and a mailbox event, all in sequence: {@code FETCH 1:1000 (BODY[])} of 4 KiB messages took
 * 20-30 s where {@code BODY.PEEK[]} took 1-2.5 s. One update over a range allocates a single modification sequence
 * and writes the messages' flags in a row; a FETCH of many unseen messages gets up to
 * {@value #UPDATES_SIDE_BY_SIDE} such updates over disjoint runs of UIDs, run side by side.
 *
 * <p>What the client sees does not change: the messages that became \Seen carry {@code FLAGS} in their FETCH
 * responses, the others do not unless asked (James's answer, RFC 3501 6.4.5), and the session's own flag change stays
 * silent as James's was. James still marks any message this step left out (a sequence number it could not
 * translate, an update that failed), as before.
 *
 * <p>Remove when the base James marks a FETCH's messages \Seen in bulk.
 */
public class SeenMarkedInOneUpdateFetchProcessor implements ImapProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SeenMarkedInOneUpdateFetchProcessor.class);
    /**
     * James's Cassandra mapper writes the flags of one update's messages one after the other (a conditional write
     * each, to avoid contention: but each message's row is a partition of its own). Several updates over disjoint
     * runs of UIDs keep Cassandra busy instead of waiting on each round trip; each costs one modification sequence
     * more, so small FETCHes stay one update.
     */
    static final int UPDATES_SIDE_BY_SIDE = 4;
    static final int MESSAGES_PER_PART = 50;

    private final ImapProcessor processors;
    private final MailboxManager mailboxManager;

    /**
     * @param processors the rest of the processor chain
     * @param mailboxManager opens the selected mailbox to read and update its messages' flags
     */
    @Inject
    public SeenMarkedInOneUpdateFetchProcessor(SearchKeyCorrectingProcessor processors, MailboxManager mailboxManager) {
        this.processors = processors;
        this.mailboxManager = mailboxManager;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        // With CHANGEDSINCE, James answers (and marks) only the messages changed since then: left to James.
        if (!(message instanceof FetchRequest request) || !request.getFetch().isSetSeen()
                || request.getFetch().getChangedSince() != -1 || session.getSelected() == null) {
            return processors.processReactive(message, responder, session);
        }
        SelectedMailbox selected = session.getSelected();
        Optional<List<MessageRange>> ranges = FetchedUidRanges.of(request.getIdSet(), request.isUseUids(),
            selected.existsCount(), selected.getLastUid(), selected::uid);
        if (ranges.isEmpty() || ranges.get().isEmpty()) {
            return processors.processReactive(message, responder, session);
        }
        return markSeen(selected, ranges.get(), session.getMailboxSession())
            .flatMap(newlySeen -> {
                if (newlySeen.isEmpty()) {
                    return processors.processReactive(message, responder, session);
                }
                FetchData fetch = request.getFetch();
                Responder answering = fetch.contains(FetchData.Item.FLAGS) ? responder
                    : new FlagsOnlyForNewlySeenResponder(responder, newlySeen, selected);
                return processors.processReactive(
                    new FetchRequest(request.isUseUids(), request.getIdSet(), withFlags(fetch), request.getTag()),
                    answering, session);
            });
    }

    /** The UIDs this step marked \Seen; none when it could not (James then marks them one by one). */
    private Mono<Set<MessageUid>> markSeen(SelectedMailbox selected, List<MessageRange> ranges, MailboxSession mailboxSession) {
        return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), mailboxSession))
            .flatMap(mailbox -> unseen(mailbox, ranges, mailboxSession)
                .flatMap(uids -> uids.isEmpty() ? Mono.just(uids)
                    : Flux.fromIterable(FetchedUidRanges.inParts(uids, ranges, partsFor(uids.size())))
                        .flatMap(part -> Flux.fromIterable(part)
                            .concatMap(range -> mailbox.setFlagsReactive(new Flags(Flags.Flag.SEEN),
                                MessageManager.FlagsUpdateMode.ADD, range, mailboxSession)), UPDATES_SIDE_BY_SIDE)
                        .then(Mono.just(uids))))
            .onErrorResume(error -> {
                LOGGER.warn("Could not mark the messages of a FETCH \\Seen in bulk; James marks them one by one", error);
                return Mono.just(ImmutableSet.of());
            })
            .defaultIfEmpty(ImmutableSet.of());
    }

    private static int partsFor(int unseen) {
        return Math.max(1, Math.min(UPDATES_SIDE_BY_SIDE, unseen / MESSAGES_PER_PART));
    }

    private static Mono<Set<MessageUid>> unseen(MessageManager mailbox, List<MessageRange> ranges, MailboxSession mailboxSession) {
        return Flux.fromIterable(ranges)
            .concatMap(range -> mailbox.listMessagesMetadata(range, mailboxSession))
            .filter(message -> !message.getFlags().contains(Flags.Flag.SEEN))
            .map(message -> message.getComposedMessageId().getUid())
            .collect(ImmutableSet.toImmutableSet());
    }

    /**
     * The same items with FLAGS added, still setting \Seen (never with CHANGEDSINCE, see above). Built item by item:
     * James's {@code FetchData.Builder.from} would also ask for MODSEQ, which turns CONDSTORE on.
     */
    private static FetchData withFlags(FetchData fetch) {
        FetchData.Builder builder = FetchData.builder();
        for (FetchData.Item item : FetchData.Item.values()) {
            if (fetch.contains(item)) {
                builder.fetch(item);
            }
        }
        builder.fetch(FetchData.Item.FLAGS);
        builder.vanished(fetch.getVanished());
        fetch.getBodyElements().forEach(element -> builder.add(element, !fetch.isSetSeen()));
        return builder.build();
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }
}
