/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every Mailfort mailet reads durations and sizes from its init parameters, so an admin writes them the same
 * way everywhere: durations {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} (a bare number is seconds); sizes
 * {@code 25M}, {@code 512K}, {@code 1G} (powers of 1024, an optional trailing {@code B}) or a bare number of bytes.
 * A value that does not parse fails the mailet's init, naming the parameter, so James refuses to start rather
 * than run with settings nobody chose.
 */
final class ParameterValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])?b?");

    private ParameterValues() {
    }

    static Duration duration(String name, String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 30s or 2m, not '" + value + "'");
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
            throw new IllegalArgumentException(name + " must be a size such as 25M, 512K or 1048576, not '" + value + "'");
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
}
