/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.util.Objects;

/**
 * One directive of an SPF record: a qualifier and a mechanism with its arguments.
 *
 * @param domainSpec   the unexpanded domain-spec, or {@code null} when the mechanism has none (then the current
 *                     domain applies)
 * @param network      the network address of ip4 (4 bytes) or ip6 (16 bytes), else {@code null}
 * @param ip4Prefix    the IPv4 prefix length, 32 when not given
 * @param ip6Prefix    the IPv6 prefix length, 128 when not given
 */
public record SpfDirective(SpfResult qualifier, SpfMechanism mechanism, String domainSpec, byte[] network,
                           int ip4Prefix, int ip6Prefix) {

    public SpfDirective {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(mechanism, "mechanism");
    }
}
