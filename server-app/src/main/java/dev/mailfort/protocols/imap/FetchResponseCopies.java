/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.List;

import javax.mail.Flags;

import org.apache.james.imap.message.response.FetchResponse;

/**
 * A James {@link FetchResponse} with one item changed, for the responders that correct James's FETCH answers. James
 * 3.8.1's FetchResponse is immutable and its only constructor takes thirteen positional items: one place knows
 * their order.
 */
final class FetchResponseCopies {
    private FetchResponseCopies() {
    }

    /** @param flags the FLAGS to answer, or null for none */
    static FetchResponse withFlags(FetchResponse response, Flags flags) {
        return copy(response, flags, response.getElements());
    }

    static FetchResponse withElements(FetchResponse response, List<FetchResponse.BodyElement> elements) {
        return copy(response, response.getFlags(), elements);
    }

    private static FetchResponse copy(FetchResponse response, Flags flags, List<FetchResponse.BodyElement> elements) {
        return new FetchResponse(response.getMessageNumber(), flags, response.getUid(), response.getSaveDate(),
            response.getModSeq(), response.getInternalDate(), response.getSize(), response.getEnvelope(),
            response.getBody(), response.getBodyStructure(), elements, response.getEmailId(), response.getThreadId());
    }
}
