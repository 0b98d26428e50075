/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.IOException;
import java.util.Optional;

import org.apache.commons.lang3.tuple.ImmutablePair;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.Literal;

/**
 * A view of James's request reader that checks each literal against {@link LiteralLimits} before James reads it, and
 * before the client is told to go ahead ({@code + Ok}, see {@link LiteralGoAhead}): a refused literal is never asked
 * for, never buffered.
 *
 * <p>Everything but the literal's announcement is delegated unchanged to James's reader, which keeps its own
 * position, so the parsers see exactly the same characters.
 */
class LiteralLimitingRequestReader extends ImapRequestLineReader {
    private final ImapRequestLineReader delegate;
    private final long maxOctets;
    private final LiteralGoAhead goAhead;
    private Optional<Tag> tag = Optional.empty();
    private int literals;
    private long octets;

    LiteralLimitingRequestReader(ImapRequestLineReader delegate, long maxOctets, LiteralGoAhead goAhead) {
        this.delegate = delegate;
        this.maxOctets = maxOctets;
        this.goAhead = goAhead;
    }

    @Override
    public Tag tag() throws DecodingException {
        Tag parsed = super.tag();
        tag = Optional.of(parsed);
        return parsed;
    }

    @Override
    public char nextChar() throws DecodingException {
        return delegate.nextChar();
    }

    @Override
    public char consume() throws DecodingException {
        return delegate.consume();
    }

    @Override
    protected void commandContinuationRequest() {
        // Not used: consumeLiteral below asks for literals through LiteralGoAhead.
    }

    @Override
    public Literal read(int size, boolean extraCRLF) throws IOException {
        return delegate.read(size, extraCRLF);
    }

    /**
     * The literal's announcement ({@code {n}} or {@code {n+}} and the line end) is read here rather than by James,
     * so that its size is checked before the go-ahead and before James waits for the octets: a size James cannot
     * parse ({@code {4294967295}}) is refused too, where James 3.8.1 would already have sent {@code + Ok}.
     */
    @Override
    public ImmutablePair<Integer, Literal> consumeLiteral(boolean extraCRLF) throws IOException {
        consumeChar('{');
        StringBuilder digits = new StringBuilder();
        char next = nextChar();
        while (next >= '0' && next <= '9' && digits.length() <= 19) {
            digits.append(next);
            consume();
            next = nextChar();
        }
        boolean synchronizing = next != '+';
        if (!synchronizing) {
            consume();
        }
        consumeChar('}');
        if (nextChar() == '\r') {
            consume();
        }
        consumeChar('\n');
        long size = digits.length() == 0 || digits.length() > 19 ? Long.MAX_VALUE : Long.parseLong(digits.toString());
        literals++;
        octets = size > maxOctets ? Long.MAX_VALUE : octets + size;
        if (literals > LiteralLimits.MAX_LITERALS_PER_COMMAND) {
            throw new LiteralRefusedException(tag, synchronizing,
                "Too many literals: at most " + LiteralLimits.MAX_LITERALS_PER_COMMAND + " per command");
        }
        if (octets > maxOctets) {
            throw new LiteralRefusedException(tag, synchronizing,
                "Literal too big: at most " + maxOctets + " octets per command here");
        }
        if (synchronizing) {
            goAhead.askIfWaiting();
        }
        int accepted = Math.toIntExact(size);
        return ImmutablePair.of(accepted, delegate.read(accepted, extraCRLF));
    }
}
