/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.Configuration;

/**
 * How failed logins are slowed down and then refused, per client address, on every protocol. Read from
 * {@code conf/abuse.properties}; every key is documented there, next to its default.
 *
 * @param window              failures older than this are forgotten
 * @param delayAfter          failures from one address within the window answered without delay; each further
 *                            failure is answered after {@code delay}
 * @param delay               how long a failed login waits before its answer once the address (or the account) is
 *                            over its threshold; {@code 0} turns delays off
 * @param blockAfter          failures from one address within the window after which the address may not log in
 *                            at all for {@code blockFor}
 * @param blockFor            how long a blocked address stays blocked; it always ends
 * @param accountDelayAfter   failures for one account, from any address, within the window, after which each further
 *                            failure for that account is delayed too (never blocked: an attacker must not be able to
 *                            lock a user out)
 * @param exempt              addresses and CIDR blocks never delayed or blocked
 * @param maxTrackedAddresses bound on the memory used: at most this many addresses and as many accounts are tracked
 */
public record AuthFailureSettings(Duration window, int delayAfter, Duration delay, int blockAfter, Duration blockFor,
                                  int accountDelayAfter, AddressBlocks exempt, int maxTrackedAddresses) {
    public static final AuthFailureSettings DEFAULTS = new AuthFailureSettings(Duration.ofMinutes(15), 5,
        Duration.ofSeconds(2), 20, Duration.ofMinutes(15), 10, AddressBlocks.NONE, 100_000);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    public AuthFailureSettings {
        if (window.isNegative() || window.isZero() || blockFor.isNegative() || delay.isNegative()) {
            throw new IllegalArgumentException("auth.failures: window must be positive, delay and blockFor not negative");
        }
        if (delayAfter < 0 || blockAfter < 1 || accountDelayAfter < 0 || maxTrackedAddresses < 1) {
            throw new IllegalArgumentException("auth.failures: counts must be positive");
        }
    }

    /** Reads the {@code auth.failures.*} keys; absent keys keep their default. */
    public static AuthFailureSettings from(Configuration conf) {
        return new AuthFailureSettings(
            duration(conf, "auth.failures.window", DEFAULTS.window),
            conf.getInt("auth.failures.delayAfter", DEFAULTS.delayAfter),
            duration(conf, "auth.failures.delay", DEFAULTS.delay),
            conf.getInt("auth.failures.blockAfter", DEFAULTS.blockAfter),
            duration(conf, "auth.failures.blockFor", DEFAULTS.blockFor),
            conf.getInt("auth.failures.accountDelayAfter", DEFAULTS.accountDelayAfter),
            // Commons Configuration splits lists on commas only when told to: read the raw value.
            AddressBlocks.parse(String.join(",", conf.getList(String.class, "auth.failures.exempt", List.of()))),
            conf.getInt("auth.failures.maxTrackedAddresses", DEFAULTS.maxTrackedAddresses));
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 500ms}; a bare number is seconds. */
    static Duration parseDuration(String key, String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.US));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + ": not a duration (e.g. 90s, 15m, 1h): '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Duration duration(Configuration conf, String key, Duration fallback) {
        String text = conf.getString(key, null);
        return text == null || text.isBlank() ? fallback : parseDuration(key, text);
    }
}
