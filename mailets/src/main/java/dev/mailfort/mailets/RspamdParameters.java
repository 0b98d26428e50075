/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.mailfort.scanning.rspamd.RspamdSettings;

/**
 * Reads the rspamd parameters shared by {@link ScanWithRspamd} and the SMTP server's in-session spam check
 * ({@code url}, {@code connectTimeout}, {@code readTimeout}, {@code maxSize}, {@code password}), plus helpers for
 * their other parameters. Durations are written {@code 500ms}, {@code 15s}, {@code 2m} or
 * {@code 1h} (a bare number is seconds); sizes {@code 10M}, {@code 512K}, {@code 1G} or a bare number of bytes.
 * A mistake throws {@link IllegalArgumentException} naming the parameter; the caller fails its init with it, so
 * James refuses to start rather than scan with settings nobody chose.
 */
public final class RspamdParameters {

    private final Function<String, String> parameters;

    /** @param parameters the value of an init parameter, or null when it is not set */
    public RspamdParameters(Function<String, String> parameters) {
        this.parameters = parameters;
    }

    public RspamdSettings settings() {
        RspamdSettings.Builder settings = RspamdSettings.builder();
        value("url").ifPresent(settings::uri);
        value("connectTimeout").ifPresent(v -> settings.connectTimeout(ParameterValues.duration("connectTimeout", v)));
        value("readTimeout").ifPresent(v -> settings.readTimeout(ParameterValues.duration("readTimeout", v)));
        value("maxSize").ifPresent(v -> settings.maxMessageSize(ParameterValues.size("maxSize", v)));
        // Not trimmed: a password may well end with a space.
        Optional.ofNullable(parameters.apply("password")).filter(p -> !p.isEmpty()).ifPresent(settings::password);
        return settings.build();
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(parameters.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public int positiveInteger(String name, int defaultValue) {
        return value(name).map(v -> {
            try {
                int parsed = Integer.parseInt(v);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // Reported below, with the parameter's name.
            }
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + v + "'");
        }).orElse(defaultValue);
    }

    public boolean bool(String name, boolean defaultValue) {
        return value(name).map(v -> {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true":
                case "yes":
                    return true;
                case "false":
                case "no":
                    return false;
                default:
                    throw new IllegalArgumentException(name + " must be true or false, not '" + v + "'");
            }
        }).orElse(defaultValue);
    }

}
