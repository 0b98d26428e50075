/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import org.apache.james.managesieve.api.Session;
import org.apache.james.managesieve.api.commands.CoreCommands;

/**
 * James 3.8.1's ManageSieve commands with one rule added: no AUTHENTICATE before TLS. James's own processor accepts
 * the user's password (SASL PLAIN) in clear text on a STARTTLS port. Before TLS, AUTHENTICATE is answered with
 * RFC 5804's {@code NO (ENCRYPT-NEEDED)} and nothing of it is read, and the capabilities list no SASL mechanism
 * (section 1.7: an empty SASL capability tells the client to start TLS first). After STARTTLS, or on a port with
 * implicit TLS, everything is James's.
 */
public class AuthenticateOnlyOverTls extends ForwardingCoreCommands {
    static final String ENCRYPT_NEEDED = "NO (ENCRYPT-NEEDED) \"Authentication is only allowed over TLS: use STARTTLS first\"";
    private static final String SASL_CAPABILITY = "\"SASL\"";

    public AuthenticateOnlyOverTls(CoreCommands james) {
        super(james);
    }

    @Override
    public String chooseMechanism(Session session, String mechanism) {
        if (!session.isSslEnabled()) {
            return ENCRYPT_NEEDED;
        }
        return super.chooseMechanism(session, mechanism);
    }

    @Override
    public String authenticate(Session session, String suppliedData) {
        if (!session.isSslEnabled()) {
            session.setState(Session.State.UNAUTHENTICATED);
            return ENCRYPT_NEEDED;
        }
        return super.authenticate(session, suppliedData);
    }

    @Override
    public String capability(Session session) {
        String capabilities = super.capability(session);
        return session.isSslEnabled() ? capabilities : withoutSaslMechanisms(capabilities);
    }

    /**
     * The greeting: always sent in clear text on our STARTTLS port (conf/managesieveserver.xml), so it offers no
     * mechanism. A client on an implicit TLS port asks CAPABILITY again and gets them.
     */
    @Override
    public String getAdvertisedCapabilities() {
        return withoutSaslMechanisms(super.getAdvertisedCapabilities());
    }

    private static String withoutSaslMechanisms(String capabilities) {
        StringBuilder result = new StringBuilder();
        for (String line : capabilities.split("\r\n", -1)) {
            if (result.length() > 0) {
                result.append("\r\n");
            }
            result.append(line.startsWith(SASL_CAPABILITY) ? SASL_CAPABILITY + " \"\"" : line);
        }
        return result.toString();
    }
}
