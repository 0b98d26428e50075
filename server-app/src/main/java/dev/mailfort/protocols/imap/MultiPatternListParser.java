/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ListCommandParser;
import org.apache.james.imap.message.request.ListRequest;

/**
 * LIST that also accepts a parenthesised list of patterns (RFC 5258 section 3, LIST-EXTENDED, which James 3.8.1
 * advertises but answers {@code BAD}: issue 12, item 5). A single pattern still gives James's own
 * {@link ListRequest}; several give a {@link MultiPatternListRequest}, answered by {@link MultiPatternListProcessor}.
 *
 * <p>James's parser reads the pattern through the overridable {@link #listMailbox}, but builds the request in a
 * method that only sees one pattern; the extra patterns are kept for the current decode in a thread-local, as a
 * command is decoded on one thread from start to end. Remove with the processor when James parses pattern lists.
 */
final class MultiPatternListParser extends ListCommandParser {
    private static final ImapRequestLineReader.CharacterValidator PATTERN_ATOM = new ImapRequestLineReader.AtomCharValidator() {
        @Override
        public boolean isValid(char chr) {
            return ImapRequestLineReader.isListWildcard(chr) || super.isValid(chr);
        }
    };

    private final ThreadLocal<List<String>> patternList = new ThreadLocal<>();

    MultiPatternListParser(StatusResponseFactory statusResponses) {
        super(statusResponses);
    }

    @Override
    public String listMailbox(ImapRequestLineReader request) throws DecodingException {
        if (request.nextWordChar() != '(') {
            return super.listMailbox(request);
        }
        request.consumeChar('(');
        List<String> patterns = new ArrayList<>();
        do {
            patterns.add(patternInList(request));
        } while (request.nextWordChar() != ')');
        request.consumeChar(')');
        patternList.set(patterns);
        return patterns.get(0);
    }

    private String patternInList(ImapRequestLineReader request) throws DecodingException {
        char next = request.nextWordChar();
        if (next == '"' || next == '{') {
            return super.listMailbox(request);
        }
        // James's own atom reading would take the closing parenthesis as part of the last pattern.
        return request.consumeWord(PATTERN_ATOM, true);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        patternList.remove();
        try {
            ImapMessage decoded = super.decode(request, tag, useUids, session);
            List<String> patterns = patternList.get();
            if (patterns == null || patterns.size() < 2 || !(decoded instanceof ListRequest)) {
                return decoded;
            }
            return MultiPatternListRequest.of((ListRequest) decoded, patterns);
        } finally {
            patternList.remove();
        }
    }
}
