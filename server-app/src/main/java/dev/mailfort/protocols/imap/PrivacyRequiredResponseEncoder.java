/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/**
 * Writes {@link PrivacyRequiredResponse} as {@code <tag> NO [PRIVACYREQUIRED] <text>}.
 *
 * <p>Registered through {@link TlsOnlyAuthImapPackage}: James's encoder picks encoders by the exact class of the
 * response, so without it the response would be silently dropped and the client left waiting.
 */
public class PrivacyRequiredResponseEncoder implements ImapResponseEncoder<PrivacyRequiredResponse> {
    private static final String NO = "NO";
    private static final String PRIVACY_REQUIRED = "PRIVACYREQUIRED";

    @Override
    public Class<PrivacyRequiredResponse> acceptableMessages() {
        return PrivacyRequiredResponse.class;
    }

    @Override
    public void encode(PrivacyRequiredResponse response, ImapResponseComposer composer) throws IOException {
        composer.tag(response.tag())
            .message(NO)
            .openSquareBracket()
            .message(PRIVACY_REQUIRED)
            .closeSquareBracket()
            .message(PrivacyRequiredResponse.TEXT)
            .end();
    }
}
