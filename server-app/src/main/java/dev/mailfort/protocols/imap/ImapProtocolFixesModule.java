/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapCommandParserFactory;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.main.DefaultImapDecoder;
import org.apache.james.imapserver.netty.IMAPServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

/**
 * Our corrections to James 3.8.1's IMAP server (issue 12), to be installed over James's {@code IMAPServerModule}
 * with {@code Modules.override}. Each binding names the class that documents the bug it works around and when it
 * can go.
 */
public class ImapProtocolFixesModule extends AbstractModule {
    @Override
    protected void configure() {
        // Pipelined commands executed twice around LITERAL+ (item 1): PipeliningSafeImapRequestDecoder.
        bind(IMAPServerFactory.class).to(PipeliningSafeImapServerFactory.class).in(Scopes.SINGLETON);
        // James's processors, each decorator taking the next: sections of encapsulated messages (item 2:
        // EncapsulatedMessageSections), the \Seen flags of a FETCH set in one update (issue 8:
        // SeenMarkedInOneUpdateFetchProcessor), SEARCH keys corrected (item 3: SearchKeyCorrectingProcessor), LIST with
        // several patterns (item 5: MultiPatternListProcessor), invalid modified UTF-7 mailbox names dropping the
        // connection (item 4: UndecodableMailboxName); UID COPY/MOVE ranges cut at the last UID first (issue 7:
        // UidRangeClampingProcessor); the EXISTS of SELECT/EXAMINE counted from the UIDs the selection listed, not
        // from the Cassandra counter that a failed increment leaves short (ExistsFromSelectedUidsProcessor); an
        // EXAMINEd mailbox kept read-only, before any step that could set \Seen (ExaminedMailboxReadOnlyProcessor);
        // EXISTS and FLAGS sent before any FETCH that needs them (item 6: AnnouncedBeforeFetchProcessor, the head of
        // the chain, so that it sees every response).
        bind(ImapProcessor.class).to(AnnouncedBeforeFetchProcessor.class);
    }

    /** James's request decoder on James's parsers with LIST replaced (item 5), each wrapped for item 4. */
    @Provides
    ImapDecoder provideImapDecoder(ImapCommandParserFactory parsers, StatusResponseFactory statusResponses) {
        return new DefaultImapDecoder(statusResponses,
            new MailboxNameCheckingParsers(new MultiPatternListParsers(parsers, statusResponses), statusResponses));
    }
}
