/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import com.google.common.net.InetAddresses;

/**
 * A list of IP addresses and CIDR blocks ({@code 192.0.2.10, 198.51.100.0/24, 2001:db8::/32}), written
 * comma- or space-separated. Immutable.
 */
public final class AddressBlocks {
    public static final AddressBlocks NONE = new AddressBlocks(List.of());

    private final List<Block> blocks;

    private AddressBlocks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** @throws IllegalArgumentException naming the entry that is neither an address nor a CIDR block */
    public static AddressBlocks parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            blocks.add(Block.parse(entry));
        }
        return new AddressBlocks(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "none" : String.join(", ", blocks.stream().map(Block::text).toList());
    }

    private record Block(byte[] network, int prefixLength, String text) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!InetAddresses.isInetAddress(host)) {
                throw new IllegalArgumentException("not an IP address or CIDR block: '" + entry + "'");
            }
            byte[] network = InetAddresses.forString(host).getAddress();
            int prefixLength = network.length * 8;
            if (slash >= 0) {
                try {
                    prefixLength = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefixLength = -1;
                }
                if (prefixLength < 0 || prefixLength > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in '" + entry + "'");
                }
            }
            return new Block(network, prefixLength, entry);
        }

        boolean contains(InetAddress candidate) {
            byte[] address = candidate.getAddress();
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
