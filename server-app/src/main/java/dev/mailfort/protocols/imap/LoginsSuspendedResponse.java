/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Objects;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * The tagged {@code NO [UNAVAILABLE]} answer (RFC 5530) to LOGIN or AUTHENTICATE from a client address blocked
 * after too many failed logins. UNAVAILABLE says the failure is temporary and not the credentials' fault, so
 * clients keep the stored password and retry later ({@code AUTHENTICATIONFAILED} would make them ask for a new
 * one). Written by {@link LoginsSuspendedResponseEncoder}.
 */
public final class LoginsSuspendedResponse implements ImapResponseMessage {
    private final Tag tag;
    private final String text;

    public LoginsSuspendedResponse(Tag tag, String text) {
        this.tag = Objects.requireNonNull(tag, "tag");
        this.text = Objects.requireNonNull(text, "text");
    }

    public Tag tag() {
        return tag;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "LoginsSuspendedResponse{tag=" + tag.asString() + '}';
    }
}
