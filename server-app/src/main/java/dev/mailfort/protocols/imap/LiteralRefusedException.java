/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Optional;

import org.apache.james.imap.api.Tag;

/**
 * A command announced a literal over {@link LiteralLimits}. Unchecked on purpose: it must pass through James's
 * parsers and decoder, which turn every {@code DecodingException} into a reply that James 3.8.1 then loses while it
 * waits for the refused literal's bytes; {@link LiteralLimitingImapRequestDecoder} answers it instead.
 */
public class LiteralRefusedException extends RuntimeException {
    private final transient Optional<Tag> tag;
    private final boolean synchronizing;

    public LiteralRefusedException(Optional<Tag> tag, boolean synchronizing, String reason) {
        super(reason, null, false, false);
        this.tag = tag;
        this.synchronizing = synchronizing;
    }

    public Optional<Tag> tag() {
        return tag;
    }

    /** True for {@code {n}}: the client waits for our go-ahead and sends nothing of the literal until then. */
    public boolean synchronizing() {
        return synchronizing;
    }
}
