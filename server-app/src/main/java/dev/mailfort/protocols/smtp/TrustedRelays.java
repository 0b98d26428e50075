/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.net.InetAddress;

import dev.mailfort.protocols.abuse.AddressBlocks;

/**
 * Client networks whose mail is exempt from the refusals of {@link CheckSenderAuthenticity}, e.g. a forwarding
 * gateway or a scanner that sends as one of our domains from inside. Written as a comma-separated list of
 * addresses and CIDR blocks: {@code 192.0.2.10, 198.51.100.0/24, 2001:db8::/32}. Immutable.
 */
final class TrustedRelays {
    static final TrustedRelays NONE = new TrustedRelays(AddressBlocks.NONE);

    private final AddressBlocks networks;

    private TrustedRelays(AddressBlocks networks) {
        this.networks = networks;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or a CIDR block */
    static TrustedRelays parse(String list) {
        AddressBlocks networks = AddressBlocks.parse(list);
        return networks.isEmpty() ? NONE : new TrustedRelays(networks);
    }

    boolean contains(InetAddress address) {
        return networks.contains(address);
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
