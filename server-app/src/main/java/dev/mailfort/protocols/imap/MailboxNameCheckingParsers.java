/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapCommandParser;
import org.apache.james.imap.decode.ImapCommandParserFactory;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;

/**
 * The top-level command parsers, each answering {@code BAD} to a mailbox name that is not valid modified UTF-7
 * instead of letting the failure drop the connection (see {@link UndecodableMailboxName}); the rest of the command
 * line is then skipped, as after any other syntax error.
 *
 * <p>Only the parsers the request decoder looks up are wrapped, not James's parser factory itself: James's UID
 * parser looks its sub-commands up there and requires James's own parser classes. A bad name in {@code UID COPY}
 * or {@code UID MOVE} is caught around the UID parser.
 */
final class MailboxNameCheckingParsers implements ImapCommandParserFactory {
    private final ImapCommandParserFactory parsers;
    private final StatusResponseFactory statusResponses;

    MailboxNameCheckingParsers(ImapCommandParserFactory parsers, StatusResponseFactory statusResponses) {
        this.parsers = parsers;
        this.statusResponses = statusResponses;
    }

    @Override
    public ImapCommandParser getParser(String commandName) {
        ImapCommandParser parser = parsers.getParser(commandName);
        if (parser == null) {
            return null;
        }
        return (ImapRequestLineReader request, Tag tag, ImapSession session) -> {
            try {
                return parser.parse(request, tag, session);
            } catch (Error e) {
                if (UndecodableMailboxName.isCause(e)) {
                    return statusResponses.taggedBad(tag, commandOf(parser), HumanReadableText.ILLEGAL_ARGUMENTS);
                }
                throw e;
            }
        };
    }

    private static ImapCommand commandOf(ImapCommandParser parser) {
        if (parser instanceof AbstractImapCommandParser) {
            return ((AbstractImapCommandParser) parser).getCommand();
        }
        return null;
    }
}
