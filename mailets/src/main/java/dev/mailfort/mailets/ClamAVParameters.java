/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailfort.scanning.clamav.ClamdSettings;

/**
 * Reads {@link ScanWithClamAV}'s connection parameters into {@link ClamdSettings}. Durations are written like
 * {@code 500ms}, {@code 30s} or {@code 2m} (a bare number is seconds); sizes like clamd's own StreamMaxLength,
 * {@code 25M}, {@code 512K} or a bare number of bytes.
 */
final class ClamAVParameters {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])?b?");

    private ClamAVParameters() {
    }

    /** @param parameters the init parameter of a name, or null when it is not set */
    static ClamdSettings toSettings(Function<String, String> parameters) {
        ClamdSettings.Builder settings = ClamdSettings.builder();
        try {
            ifSet(parameters, "host", settings::host);
            ifSet(parameters, "port", value -> settings.port(integer("port", value)));
            ifSet(parameters, "connectTimeout", value -> settings.connectTimeout(duration("connectTimeout", value)));
            ifSet(parameters, "readTimeout", value -> settings.readTimeout(duration("readTimeout", value)));
            ifSet(parameters, "maxSize", value -> settings.maxStreamSize(size("maxSize", value)));
            ifSet(parameters, "maxConnections", value -> settings.maxConnections(integer("maxConnections", value)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid ClamAV parameter: " + e.getMessage(), e);
        }
        return settings.build();
    }

    static Duration duration(String name, String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 30s or 2m, not '" + value
                + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    static long size(String name, String value) {
        Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " must be a size such as 25M, 512K or 1048576, not '" + value
                + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        switch (unit) {
            case "k":
                return Math.multiplyExact(amount, 1024L);
            case "m":
                return Math.multiplyExact(amount, 1024L * 1024);
            case "g":
                return Math.multiplyExact(amount, 1024L * 1024 * 1024);
            default:
                return amount;
        }
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
