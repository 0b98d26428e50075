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
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * Answers {@code CAPA} with the capabilities of the other handlers, minus those that would invite a client to
 * send a password in clear text.
 *
 * <p>James's own CAPA lists {@code USER} on every connection. RFC 2595 (section 4) asks a server that refuses
 * clear-text passwords not to advertise them, so before TLS this list drops {@code USER} and any {@code SASL}
 * line; well-behaved clients then issue STLS first instead of failing at login. After TLS it drops {@code STLS},
 * which James keeps advertising although a second STLS can only fail.
 *
 * <p>Declared in the handler chain, it answers before James's CAPA handler, which is never reached.
 */
public class HideLoginCapabilitiesWithoutTls implements CommandHandler<POP3Session>, ExtensibleHandler {
    private static final List<String> COMMANDS = List.of("CAPA");
    private static final Set<String> LOGIN_CAPABILITIES = Set.of("USER", "SASL");
    private static final String STLS = "STLS";

    private volatile List<CapaCapability> capabilities = List.of();

    @Override
    public Response onCommand(POP3Session session, Request request) {
        POP3Response response = new POP3Response(POP3Response.OK_RESPONSE, "Capability list follows");
        boolean tls = session.isTLSStarted();
        capabilities.stream()
            .flatMap(capability -> capability.getImplementedCapabilities(session).stream())
            .distinct()
            .filter(line -> isAdvertised(keyword(line), tls))
            .forEach(response::appendLine);
        response.appendLine(".");
        return response;
    }

    private static boolean isAdvertised(String keyword, boolean tls) {
        if (tls) {
            return !STLS.equals(keyword);
        }
        return !LOGIN_CAPABILITIES.contains(keyword);
    }

    private static String keyword(String capabilityLine) {
        String trimmed = capabilityLine.trim();
        int space = trimmed.indexOf(' ');
        String keyword = space < 0 ? trimmed : trimmed.substring(0, space);
        return keyword.toUpperCase(Locale.US);
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(CapaCapability.class);
    }

    @Override
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (CapaCapability.class.equals(interfaceName)) {
            capabilities = extensions.stream()
                .map(CapaCapability.class::cast)
                .collect(Collectors.toUnmodifiableList());
        }
    }
}
