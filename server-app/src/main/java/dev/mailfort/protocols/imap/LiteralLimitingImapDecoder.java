/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;

/** James's decoder reading through {@link LiteralLimitingRequestReader}, with the limit of the session's state. */
class LiteralLimitingImapDecoder implements ImapDecoder {
    private final ImapDecoder delegate;
    private final LiteralLimits limits;
    private final LiteralGoAhead goAhead;

    LiteralLimitingImapDecoder(ImapDecoder delegate, LiteralLimits limits, LiteralGoAhead goAhead) {
        this.delegate = delegate;
        this.limits = limits;
        this.goAhead = goAhead;
    }

    @Override
    public ImapMessage decode(ImapRequestLineReader request, ImapSession session) {
        return delegate.decode(new LiteralLimitingRequestReader(request, limits.octetsFor(session), goAhead), session);
    }
}
