/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.response.ExistsResponse;

import reactor.core.publisher.Mono;

/**
 * Answers the {@code EXISTS} of SELECT and EXAMINE with the number of messages the session just listed, not with
 * the mailbox's message counter.
 *
 * <p>James 3.8.1 takes that number from the Cassandra counter of the mailbox. When a counter increment fails (a
 * time-out while Cassandra restarts or is saturated), James logs it and keeps the stored message, so the counter
 * stays one short for good: a client told {@code N-1 EXISTS} fetches 1 to N-1 and never shows the newest message,
 * although it is in the mailbox. The selection itself lists the mailbox's UIDs (the message sequence numbers the
 * session answers with come from that list), so its size is the number the client must be given: the counter
 * can differ from it in either direction, the list cannot. STATUS still reads the counter, which
 * {@code MailboxCounterRepairs} recomputes after a failed write.
 *
 * <p>Remove when the base James counts EXISTS from the selection: {@code ExistsAfterCounterDriftTest} must still
 * pass without it.
 */
public class ExistsFromSelectedUidsProcessor implements ImapProcessor {
    private final ImapProcessor processors;

    /** @param processors the rest of the processor chain */
    @Inject
    public ExistsFromSelectedUidsProcessor(UidRangeClampingProcessor processors) {
        this.processors = processors;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (message instanceof AbstractMailboxSelectionRequest) {
            return processors.processReactive(message, new CountingResponder(responder, session), session);
        }
        return processors.processReactive(message, responder, session);
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }

    /**
     * Replaces the EXISTS of the selection. James sends it once the new selection is in place, so the session's
     * selected mailbox is the one the command opened.
     */
    private static final class CountingResponder implements Responder {
        private final Responder responder;
        private final ImapSession session;

        CountingResponder(Responder responder, ImapSession session) {
            this.responder = responder;
            this.session = session;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            SelectedMailbox selected = session.getSelected();
            if (message instanceof ExistsResponse && selected != null) {
                responder.respond(new ExistsResponse(selected.existsCount()));
                return;
            }
            responder.respond(message);
        }

        @Override
        public void flush() {
            responder.flush();
        }
    }
}
