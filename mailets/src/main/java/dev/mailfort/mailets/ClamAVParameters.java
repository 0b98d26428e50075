/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.mailfort.scanning.clamav.ClamdSettings;

/**
 * Reads {@link ScanWithClamAV}'s connection parameters into {@link ClamdSettings}. Durations are written like
 * {@code 500ms}, {@code 30s} or {@code 2m} (a bare number is seconds); sizes like clamd's own StreamMaxLength,
 * {@code 25M}, {@code 512K} or a bare number of bytes.
 */
final class ClamAVParameters {

    private ClamAVParameters() {
    }

    /** @param parameters the init parameter of a name, or null when it is not set */
    static ClamdSettings toSettings(Function<String, String> parameters) {
        ClamdSettings.Builder settings = ClamdSettings.builder();
        try {
            ifSet(parameters, "host", settings::host);
            ifSet(parameters, "port", value -> settings.port(integer("port", value)));
            ifSet(parameters, "connectTimeout", value -> settings.connectTimeout(ParameterValues.duration("connectTimeout", value)));
            ifSet(parameters, "readTimeout", value -> settings.readTimeout(ParameterValues.duration("readTimeout", value)));
            ifSet(parameters, "maxSize", value -> settings.maxStreamSize(ParameterValues.size("maxSize", value)));
            ifSet(parameters, "maxConnections", value -> settings.maxConnections(integer("maxConnections", value)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid ClamAV parameter: " + e.getMessage(), e);
        }
        return settings.build();
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static void ifSet(Function<String, String> parameters, String name,
                              Consumer<String> apply) {
        String value = parameters.apply(name);
        if (value != null && !value.isBlank()) {
            apply.accept(value.trim());
        }
    }
}
