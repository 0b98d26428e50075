/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.DefaultProcessor;

import reactor.core.publisher.Mono;

/**
 * James's command processors, answering {@code BAD} when a mailbox name or LIST/LSUB pattern only found to be
 * invalid modified UTF-7 while the command runs (LIST and LSUB decode their arguments there, not in the parser):
 * see {@link UndecodableMailboxName}.
 */
public class MailboxNameCheckingProcessor implements ImapProcessor {
    private final ImapProcessor processors;
    private final StatusResponseFactory statusResponses;

    @Inject
    public MailboxNameCheckingProcessor(DefaultProcessor processors, StatusResponseFactory statusResponses) {
        this.processors = processors;
        this.statusResponses = statusResponses;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        return Mono.defer(() -> processors.processReactive(message, responder, session))
            .onErrorResume(failure -> UndecodableMailboxName.isCause(failure) && message instanceof ImapRequest,
                failure -> Mono.fromRunnable(() -> {
                    ImapRequest request = (ImapRequest) message;
                    responder.respond(statusResponses.taggedBad(request.getTag(), request.getCommand(),
                        HumanReadableText.ILLEGAL_ARGUMENTS));
                }));
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }
}
