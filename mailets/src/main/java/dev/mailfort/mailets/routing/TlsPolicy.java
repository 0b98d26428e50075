/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.Locale;

/**
 * How a route's remote delivery uses STARTTLS (RFC 3207), named as Postfix names its {@code smtp_tls_security_level}
 * values so that admins who know one know the other.
 */
public enum TlsPolicy {
    /** Never encrypt: only for a peer whose STARTTLS is known to be broken. */
    NONE("none"),
    /** Encrypt when the peer offers STARTTLS, deliver in clear text otherwise (RFC 7435 opportunistic TLS). */
    MAY("may"),
    /** STARTTLS must succeed or the mail waits; the certificate is not checked (protects from eavesdropping only). */
    ENCRYPT("encrypt"),
    /** STARTTLS must succeed with a certificate valid for the host name (JDK trust store): protects from an active attacker too. */
    VERIFY("verify");

    private final String name;

    TlsPolicy(String name) {
        this.name = name;
    }

    public String configName() {
        return name;
    }

    /** The map's spelling; {@code required} is accepted for {@code verify}, what "TLS required" means to most admins. */
    static TlsPolicy parse(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        if (wanted.equals("required")) {
            return VERIFY;
        }
        for (TlsPolicy policy : values()) {
            if (policy.name.equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown tls=" + value + " (none, may, encrypt, verify or required)");
    }
}
