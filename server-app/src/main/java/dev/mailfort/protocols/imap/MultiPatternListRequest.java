/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.List;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.apache.james.imap.message.request.ListRequest;

import com.google.common.collect.ImmutableList;

/** A LIST with several patterns, kept as one James {@link ListRequest} per pattern: see {@link MultiPatternListParser}. */
final class MultiPatternListRequest extends AbstractImapRequest {
    private final List<ListRequest> perPattern;

    private MultiPatternListRequest(ListRequest first, List<ListRequest> perPattern) {
        super(first.getTag(), ImapConstants.LIST_COMMAND);
        this.perPattern = perPattern;
    }

    static MultiPatternListRequest of(ListRequest first, List<String> patterns) {
        List<ListRequest> perPattern = patterns.stream()
            .map(pattern -> new ListRequest(ImapConstants.LIST_COMMAND, first.getBaseReferenceName(), pattern, first.getTag(),
                first.getSelectOptions(), first.getReturnOptions(), first.getStatusDataItems()))
            .collect(ImmutableList.toImmutableList());
        return new MultiPatternListRequest(first, perPattern);
    }

    List<ListRequest> perPattern() {
        return perPattern;
    }
}
