/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;

import reactor.core.publisher.Mono;

/**
 * Every command answered through a {@link FetchAnnouncingResponder}, so that no FETCH response names a message or
 * shows a keyword that the client was not told about first (issue 12, item 6).
 *
 * <p>In James 3.8.1 a session learns of other sessions' changes from mailbox events, which update its
 * {@code SelectedMailboxImpl} at once, while the client is told (EXISTS, FLAGS) only by the unsolicited responses sent
 * at the end of a command. So, with two sessions on one mailbox:
 * <ul>
 * <li>session A stores a new keyword; session B's {@code FETCH 1 (FLAGS)} answers {@code * 1 FETCH (FLAGS ($Custom))}
 * and only then {@code * FLAGS (... $Custom)}; a keyword stored by A while B's answer is being built is shown in
 * FETCH and then marked as announced without ever being sent in FLAGS (RFC 9051 7.3.5);</li>
 * <li>session A appends; session B's {@code FETCH n:*} answers {@code * m FETCH} for the new message before the
 * {@code * m EXISTS} that tells B it exists (RFC 9051 7.4.1: the client does not know sequence number m).</li>
 * </ul>
 * Clients that check, and IMAP test tools, report protocol errors. The correction looks at what is actually sent,
 * whatever the command and the timing of the events. It also drops an EXPUNGE response without a sequence number,
 * which James would write {@code * -1 EXPUNGE} when an expunge event names a message already reported expunged (seen
 * in the code, not reproduced on Cassandra).
 *
 * <p>Remove when the base James announces EXISTS and FLAGS before every FETCH that needs them:
 * {@code ImapConcurrentSessionsTest} and {@code ImapPipelinedLoadTest} must still pass without it.
 */
public class AnnouncedBeforeFetchProcessor implements ImapProcessor {
    private final ImapProcessor processors;
    private final StatusResponseFactory statusResponses;

    /**
     * @param processors the rest of the processor chain
     * @param statusResponses builds the untagged PERMANENTFLAGS responses
     */
    @Inject
    public AnnouncedBeforeFetchProcessor(ExaminedMailboxReadOnlyProcessor processors, StatusResponseFactory statusResponses) {
        this.processors = processors;
        this.statusResponses = statusResponses;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        return processors.processReactive(message, new FetchAnnouncingResponder(responder, session, statusResponses),
            session);
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }
}
