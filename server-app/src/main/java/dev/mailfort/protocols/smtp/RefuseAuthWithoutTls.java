/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code AUTH} with {@code 538 5.7.11} (RFC 4954, section 6) while the connection is not encrypted,
 * whatever the mechanism.
 *
 * <p>James's {@code auth.requireSSL} only stops advertising AUTH before STARTTLS; its AUTH command handler still
 * checks credentials sent in clear text. Declared in the {@code <handlerchain>} of an SMTP server, this handler is
 * asked before James's (handlers from the configuration come before the core ones, and the command dispatcher
 * stops at the first handler that answers). Once TLS is active it answers nothing, so James's handler
 * authenticates as usual.
 *
 * <p>A client that puts its password on the AUTH line itself ({@code AUTH PLAIN <initial-response>}) has already
 * sent it when we refuse. Refusing still matters: such a client can never log in over clear text, so it gets
 * fixed instead of working, and a password sniffed that way never opened a session.
 */
public class RefuseAuthWithoutTls implements CommandHandler<SMTPSession> {
    static final Response ENCRYPTION_REQUIRED = new SMTPResponse("538",
        "5.7.11 Encryption required for requested authentication mechanism").immutable();

    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseAuthWithoutTls.class);
    private static final List<String> COMMANDS = List.of("AUTH");

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.isTLSStarted()) {
            return null;
        }
        LOGGER.info("Refused SMTP AUTH on a clear-text connection from {}", session.getRemoteAddress());
        return ENCRYPTION_REQUIRED;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
