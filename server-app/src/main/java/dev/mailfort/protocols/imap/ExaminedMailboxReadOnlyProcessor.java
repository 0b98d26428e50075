/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.CloseRequest;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.message.request.ExpungeRequest;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.message.request.StoreRequest;

import reactor.core.publisher.Mono;

/**
 * Keeps a mailbox opened with EXAMINE unchanged (RFC 3501 6.3.2, RFC 9051 6.3.3: no change to the mailbox's
 * permanent state, per-user state included). James 3.8.1 answers EXAMINE with {@code [READ-ONLY]} but remembers
 * nothing of it afterwards: a FETCH of {@code BODY[...]}, {@code RFC822} or {@code RFC822.TEXT} marks the messages
 * \Seen, and STORE, EXPUNGE, UID EXPUNGE, MOVE, UID MOVE and CLOSE (which expunges) all change the mailbox.
 *
 * <p>This step remembers, per session, the selection a successful EXAMINE made; a successful SELECT forgets it, and
 * the selection ending (CLOSE, UNSELECT, another mailbox selected) makes it no longer the current one. A SELECT or
 * EXAMINE that fails changes nothing here: James 3.8.1 then keeps the previous selection, so it stays as read-only
 * as it was. While the current selection is an examined one:
 * <ul>
 * <li>a FETCH that would set \Seen is answered as its {@code BODY.PEEK} equivalent (same response items);</li>
 * <li>STORE, UID STORE, EXPUNGE, UID EXPUNGE, MOVE and UID MOVE are refused with {@code NO [READ-ONLY]}: the
 * client learns its change was not made (Dovecot answers {@code OK} with the STORE ignored; RFC 3501 allows NO);
 * MOVE is refused rather than turned into a COPY, as Dovecot does, because the client asked for the source to
 * lose the messages;</li>
 * <li>CLOSE leaves the selected state without expunging anything (RFC 3501 6.4.2).</li>
 * </ul>
 * COPY, SEARCH and the other commands that leave the mailbox alone are James's.
 *
 * <p>Remove when the base James keeps an examined mailbox read-only: {@code ImapExamineReadOnlyTest} must still pass
 * without it.
 */
public class ExaminedMailboxReadOnlyProcessor implements ImapProcessor {
    /** The {@link SelectedMailbox} opened by the last successful EXAMINE, read-only while it stays selected. */
    private static final String EXAMINED_SELECTION = ExaminedMailboxReadOnlyProcessor.class.getName() + ".examined";

    private final ImapProcessor processors;
    private final StatusResponseFactory statusResponses;

    /**
     * @param processors the rest of the processor chain
     * @param statusResponses builds the tagged answers this step gives instead of James
     */
    @Inject
    public ExaminedMailboxReadOnlyProcessor(ExistsFromSelectedUidsProcessor processors, StatusResponseFactory statusResponses) {
        this.processors = processors;
        this.statusResponses = statusResponses;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (message instanceof AbstractMailboxSelectionRequest selection) {
            return processors.processReactive(message,
                new SelectionRecordingResponder(responder, selection, message instanceof ExamineRequest, session), session);
        }
        if (!examinedMailboxSelected(session)) {
            return processors.processReactive(message, responder, session);
        }
        if (message instanceof FetchRequest fetch && fetch.getFetch().isSetSeen()) {
            return processors.processReactive(peeking(fetch), responder, session);
        }
        if (message instanceof StoreRequest || message instanceof ExpungeRequest || message instanceof MoveRequest) {
            ImapRequest request = (ImapRequest) message;
            responder.respond(statusResponses.taggedNo(request.getTag(), request.getCommand(),
                HumanReadableText.MAILBOX_IS_READ_ONLY, StatusResponse.ResponseCode.readOnly()));
            return Mono.empty();
        }
        if (message instanceof CloseRequest close) {
            return session.deselect()
                .then(Mono.fromRunnable(() -> responder.respond(
                    statusResponses.taggedOk(close.getTag(), close.getCommand(), HumanReadableText.COMPLETED))));
        }
        return processors.processReactive(message, responder, session);
    }

    private static boolean examinedMailboxSelected(ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        return selected != null && session.getAttribute(EXAMINED_SELECTION) == selected;
    }

    /**
     * The same items with every body section peeked. Built item by item: James's {@code FetchData.Builder.from}
     * would also ask for MODSEQ, which turns CONDSTORE on.
     */
    private static FetchRequest peeking(FetchRequest request) {
        FetchData fetch = request.getFetch();
        FetchData.Builder builder = FetchData.builder();
        for (FetchData.Item item : FetchData.Item.values()) {
            if (fetch.contains(item)) {
                builder.fetch(item);
            }
        }
        if (fetch.getChangedSince() != -1) {
            builder.changedSince(fetch.getChangedSince());
        }
        builder.vanished(fetch.getVanished());
        fetch.getBodyElements().forEach(element -> builder.add(element, true));
        return new FetchRequest(request.isUseUids(), request.getIdSet(), builder.build(), request.getTag());
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }

    /**
     * Records the outcome of a SELECT or EXAMINE when its tagged OK goes out: the selection is in place by then, and
     * the client cannot send a command on it before seeing that OK.
     */
    private static final class SelectionRecordingResponder implements Responder {
        private final Responder responder;
        private final ImapRequest selection;
        private final boolean examine;
        private final ImapSession session;

        SelectionRecordingResponder(Responder responder, ImapRequest selection, boolean examine, ImapSession session) {
            this.responder = responder;
            this.selection = selection;
            this.examine = examine;
            this.session = session;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            if (message instanceof StatusResponse status && status.getServerResponseType() == StatusResponse.Type.OK
                    && selection.getTag().equals(status.getTag())) {
                session.setAttribute(EXAMINED_SELECTION, examine ? session.getSelected() : null);
            }
            responder.respond(message);
        }

        @Override
        public void flush() {
            responder.flush();
        }
    }
}
