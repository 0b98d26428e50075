/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Arrays;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.mailbox.MessageUid;

import reactor.core.publisher.Mono;

/**
 * UID COPY and UID MOVE with UID ranges cut at the selected mailbox's last UID before James sees them (issue 7,
 * item 5: JAMES-4041). James 3.8.1 splits a UID range into batches of {@code copy}/{@code move} of
 * {@code batchsizes.properties} (100) before looking at the mailbox, so {@code UID COPY 1:4294967295} builds 43
 * million batches: minutes of work and gigabytes of memory for a mailbox of two messages. No message has a UID above
 * the last one, so the cut ranges name the same messages; a range entirely above it keeps its lower bound alone and
 * matches nothing, as before.
 *
 * <p>Remove when the base James is 3.8.2 or later (which consolidates ranges against the mailbox first).
 */
public class UidRangeClampingProcessor implements ImapProcessor {
    private final ImapProcessor processors;

    @Inject
    public UidRangeClampingProcessor(EncapsulatedMessageSectionsProcessor processors) {
        this.processors = processors;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        return processors.processReactive(clamped(message, session), responder, session);
    }

    private static ImapMessage clamped(ImapMessage message, ImapSession session) {
        Optional<MessageUid> lastUid = Optional.ofNullable(session.getSelected()).flatMap(SelectedMailbox::getLastUid);
        if (message instanceof CopyRequest copy && copy.isUseUids()) {
            return new CopyRequest(clamp(copy.getIdSet(), lastUid), copy.getMailboxName(), true, copy.getTag());
        }
        if (message instanceof MoveRequest move && move.isUseUids()) {
            return new MoveRequest(clamp(move.getIdSet(), lastUid), move.getMailboxName(), true, move.getTag());
        }
        return message;
    }

    private static IdRange[] clamp(IdRange[] ranges, Optional<MessageUid> lastUid) {
        long last = lastUid.map(MessageUid::asLong).orElse(0L);
        return Arrays.stream(ranges)
            .map(range -> {
                boolean openEnded = range.getLowVal() == Long.MAX_VALUE || range.getHighVal() == Long.MAX_VALUE;
                if (openEnded || range.getHighVal() <= last) {
                    return range;
                }
                return new IdRange(range.getLowVal(), Math.max(range.getLowVal(), last));
            })
            .toArray(IdRange[]::new);
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }
}
