/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.pop3;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses every POP3 login command ({@code USER}, {@code PASS}, {@code APOP}, {@code AUTH}) until STLS has
 * encrypted the connection.
 *
 * <p>James 3.8.1 has no setting for this on POP3: port 110 accepts {@code USER}/{@code PASS} in clear text. The
 * refusal carries the RFC 3206 {@code [AUTH]} response code, whose definition covers "an attempt to authenticate
 * in violation of policy"; {@code [SYS/PERM]} would tell the client that the server is broken.
 *
 * <p>Once TLS is active this handler steps aside for the handler that really implements the command. James 3.8.1
 * implements neither APOP nor AUTH; for those the dispatcher would then have no answer at all, so this handler
 * gives the same {@code -ERR} as an unknown command instead of leaving the client waiting.
 */
public class RefuseLoginWithoutTls implements CommandHandler<POP3Session>, ExtensibleHandler {
    static final Response TLS_REQUIRED = new POP3Response(POP3Response.ERR_RESPONSE,
        "[AUTH] Authentication is only possible over TLS: issue STLS first, or use port 995").immutable();

    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseLoginWithoutTls.class);
    private static final Set<String> LOGIN_COMMANDS = Set.of("USER", "PASS", "APOP", "AUTH");

    private volatile Set<String> implementedByOtherHandlers = Set.of();

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (!session.isTLSStarted()) {
            LOGGER.info("Refused POP3 {} on a clear-text connection from {}", request.getCommand(), session.getRemoteAddress());
            return TLS_REQUIRED;
        }
        if (implementedByOtherHandlers.contains(request.getCommand())) {
            return null;
        }
        return session.newCommandNotFoundErrorResponse();
    }

    @Override
    public Collection<String> getImplCommands() {
        return LOGIN_COMMANDS;
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(CommandHandler.class);
    }

    @Override
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (CommandHandler.class.equals(interfaceName)) {
            implementedByOtherHandlers = extensions.stream()
                .filter(handler -> handler != this)
                .flatMap(handler -> ((CommandHandler<?>) handler).getImplCommands().stream())
                .map(command -> command.trim().toUpperCase(Locale.US))
                .filter(LOGIN_COMMANDS::contains)
                .collect(Collectors.toUnmodifiableSet());
        }
    }
}
