/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.decode.ImapCommandParser;
import org.apache.james.imap.decode.ImapCommandParserFactory;

/** James's command parsers with LIST replaced by {@link MultiPatternListParser} (issue 12, item 5). */
final class MultiPatternListParsers implements ImapCommandParserFactory {
    private final ImapCommandParserFactory parsers;
    private final MultiPatternListParser list;

    MultiPatternListParsers(ImapCommandParserFactory parsers, StatusResponseFactory statusResponses) {
        this.parsers = parsers;
        this.list = new MultiPatternListParser(statusResponses);
    }

    @Override
    public ImapCommandParser getParser(String commandName) {
        if (ImapConstants.LIST_COMMAND.getName().equalsIgnoreCase(commandName)) {
            return list;
        }
        return parsers.getParser(commandName);
    }
}
