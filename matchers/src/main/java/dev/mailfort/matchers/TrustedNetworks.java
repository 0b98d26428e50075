/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Addresses and networks written as IP literals ({@code 192.0.2.10, 10.0.0.0/8, 2001:db8::/32}), never host names:
 * a name would make trust depend on DNS answers.
 */
final class TrustedNetworks {
    private record Network(byte[] address, int prefixLength) {
        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xff << (8 - remainingBits) & 0xff;
            return (candidate[fullBytes] & mask) == (address[fullBytes] & mask);
        }
    }

    private final List<Network> networks;

    private TrustedNetworks(List<Network> networks) {
        this.networks = networks;
    }

    /** @throws IllegalArgumentException on anything but an IP literal with an optional prefix length */
    static TrustedNetworks parse(String list) {
        List<Network> networks = new ArrayList<>();
        if (list != null) {
            for (String item : list.split("[,\\s]+")) {
                if (!item.isBlank()) {
                    networks.add(network(item.strip()));
                }
            }
        }
        return new TrustedNetworks(List.copyOf(networks));
    }

    private static Network network(String item) {
        int slash = item.indexOf('/');
        String literal = slash < 0 ? item : item.substring(0, slash);
        byte[] address = literal(literal)
            .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + item));
        int maxPrefix = address.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? maxPrefix : Integer.parseInt(item.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + item, e);
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("prefix length out of range: " + item);
        }
        return new Network(address, prefix);
    }

    private static Optional<byte[]> literal(String text) {
        // InetAddress.getByName resolves names; only hand it what is already an address.
        if (!text.matches("[0-9.]+") && !text.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        if (text.matches("[0-9.]+") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    boolean contains(String address) {
        if (address == null || networks.isEmpty()) {
            return false;
        }
        Optional<byte[]> bytes = literal(address.replaceAll("^\\[|\\]$", ""));
        return bytes.isPresent() && networks.stream().anyMatch(network -> network.contains(bytes.get()));
    }
}
