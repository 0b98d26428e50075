/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Objects;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * The tagged {@code NO [PRIVACYREQUIRED]} answer (RFC 5530) to a login attempted before TLS.
 *
 * <p>A type of its own because James's {@code StatusResponse.ResponseCode} cannot be built with an arbitrary code
 * ({@code createExtension} forces an {@code X} prefix, which clients would not recognise); it is written by
 * {@link PrivacyRequiredResponseEncoder}.
 */
public final class PrivacyRequiredResponse implements ImapResponseMessage {
    static final String TEXT = "Authentication is only possible over TLS: issue STARTTLS first, or use port 993";

    private final Tag tag;

    public PrivacyRequiredResponse(Tag tag) {
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    public Tag tag() {
        return tag;
    }

    @Override
    public String toString() {
        return "PrivacyRequiredResponse{tag=" + tag.asString() + '}';
    }
}
