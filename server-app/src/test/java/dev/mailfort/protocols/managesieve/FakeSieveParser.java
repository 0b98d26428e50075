/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import java.util.List;

import org.apache.james.managesieve.api.SieveParser;

/** A Sieve parser that knows "fileinto" and accepts every script. */
final class FakeSieveParser implements SieveParser {
    @Override
    public List<String> getExtensions() {
        return List.of("fileinto");
    }

    @Override
    public List<String> parse(String content) {
        return List.of();
    }
}
