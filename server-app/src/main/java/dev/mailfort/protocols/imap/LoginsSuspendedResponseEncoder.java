/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/**
 * Writes {@link LoginsSuspendedResponse} as {@code <tag> NO [UNAVAILABLE] <text>}. Registered through
 * {@link TlsOnlyAuthImapPackage} (James drops responses it has no encoder for).
 */
public class LoginsSuspendedResponseEncoder implements ImapResponseEncoder<LoginsSuspendedResponse> {
    @Override
    public Class<LoginsSuspendedResponse> acceptableMessages() {
        return LoginsSuspendedResponse.class;
    }

    @Override
    public void encode(LoginsSuspendedResponse response, ImapResponseComposer composer) throws IOException {
        composer.tag(response.tag())
            .message("NO")
            .openSquareBracket()
            .message("UNAVAILABLE")
            .closeSquareBracket()
            .message(response.text())
            .end();
    }
}
