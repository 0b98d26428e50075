/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import com.google.common.net.InetAddresses;

/**
 * Client networks whose mail is exempt from the refusals of {@link CheckSenderAuthenticity}, e.g. a forwarding
 * gateway or a scanner that sends as one of our domains from inside. Written as a comma-separated list of
 * addresses and CIDR blocks: {@code 192.0.2.10, 198.51.100.0/24, 2001:db8::/32}. Immutable.
 */
final class TrustedRelays {
    static final TrustedRelays NONE = new TrustedRelays(List.of(), "");

    private final List<Network> networks;
    private final String description;

    private TrustedRelays(List<Network> networks, String description) {
        this.networks = List.copyOf(networks);
        this.description = description;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or a CIDR block */
    static TrustedRelays parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Network> networks = new ArrayList<>();
        for (String entry : list.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                networks.add(Network.parse(entry));
            }
        }
        return new TrustedRelays(networks, String.join(", ", networks.stream().map(Network::toString).toList()));
    }

    boolean contains(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    @Override
    public String toString() {
        return networks.isEmpty() ? "none" : description;
    }

    private record Network(byte[] address, int prefixLength, String text) {

        static Network parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!InetAddresses.isInetAddress(host)) {
                throw new IllegalArgumentException("not an IP address or CIDR block: '" + entry + "'");
            }
            byte[] address = InetAddresses.forString(host).getAddress();
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("bad prefix length in '" + entry + "'");
                }
            }
            return new Network(address, prefix, entry);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - remainingBits)) & 0xff;
            return (other[fullBytes] & mask) == (address[fullBytes] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
