/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Puts the {@code mailfort.tls.*} system properties back as they were, so tests do not leak into each other. */
final class SystemPropertiesRestorer implements BeforeEachCallback, AfterEachCallback {
    private static final String[] NAMES = {
        TlsBootstrap.KEYSTORE_PROPERTY,
        TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY,
        TlsBootstrap.KEYSTORE_TYPE_PROPERTY,
        TlsBootstrap.HOSTNAME_PROPERTY
    };

    private final Map<String, String> saved = new HashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        saved.clear();
        for (String name : NAMES) {
            saved.put(name, System.getProperty(name));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
