/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.message.response.MyRightsResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers a LIST with several patterns (issue 12, item 5) by running James's LIST once per pattern and sending the
 * union: each mailbox is reported once even when several patterns match it, and one tagged status ends the
 * command, the first failure if a pattern fails. Everything else goes to James's processors unchanged.
 */
public class MultiPatternListProcessor implements ImapProcessor {
    private final ImapProcessor processors;

    @Inject
    public MultiPatternListProcessor(MailboxNameCheckingProcessor processors) {
        this.processors = processors;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (!(message instanceof MultiPatternListRequest)) {
            return processors.processReactive(message, responder, session);
        }
        UnionResponder union = new UnionResponder(responder);
        return Flux.fromIterable(((MultiPatternListRequest) message).perPattern())
            .concatMap(single -> processors.processReactive(single, union, session)
                .then(Mono.fromCallable(union::takeCompletion).flatMap(Mono::justOrEmpty)))
            .takeUntil(status -> status.getServerResponseType() != StatusResponse.Type.OK)
            .reduce((earlier, later) -> later)
            .doOnNext(responder::respond)
            .then();
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }

    /** Passes each mailbox's responses on once, and holds back the tagged status of each single-pattern LIST. */
    private static final class UnionResponder implements Responder {
        private final Responder responder;
        private final Set<String> listed = new HashSet<>();
        private final Set<String> withStatus = new HashSet<>();
        private final Set<String> withRights = new HashSet<>();
        private StatusResponse completion;

        UnionResponder(Responder responder) {
            this.responder = responder;
        }

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            if (message instanceof StatusResponse && ((StatusResponse) message).getTag() != null) {
                completion = (StatusResponse) message;
            } else if (isFirst(message)) {
                responder.respond(message);
            }
        }

        private boolean isFirst(ImapResponseMessage message) {
            if (message instanceof ListResponse) {
                return listed.add(((ListResponse) message).getName());
            }
            if (message instanceof MailboxStatusResponse) {
                return withStatus.add(((MailboxStatusResponse) message).getMailbox());
            }
            if (message instanceof MyRightsResponse) {
                return withRights.add(((MyRightsResponse) message).getMailboxName());
            }
            return true;
        }

        synchronized Optional<StatusResponse> takeCompletion() {
            Optional<StatusResponse> taken = Optional.ofNullable(completion);
            completion = null;
            return taken;
        }

        @Override
        public void flush() {
            responder.flush();
        }
    }
}
