/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;

/**
 * How long a server keeps what each delivery reads about its recipient (that the user exists, its aliases and
 * forwards, quota limits, vacation settings, the active Sieve script): {@code recipient.settings.cache.expiry} in
 * {@code cassandra.properties}, 10 seconds unless set, {@code 0} to read them at every delivery.
 *
 * <p>Of the 30 Cassandra statements of a delivery, two read the user's row, two the rewrite table, three the quota
 * limits, two the vacation settings and one the Sieve script, for settings that change a few times a year.
 */
public record RecipientSettingsCache(Duration expiry) {
    public static final String PROPERTY = "recipient.settings.cache.expiry";
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(10);

    public RecipientSettingsCache {
        if (expiry.isNegative()) {
            throw new IllegalArgumentException(PROPERTY + " must not be negative: " + expiry);
        }
    }

    public static RecipientSettingsCache from(Configuration cassandraProperties) throws ConfigurationException {
        String value = cassandraProperties.getString(PROPERTY, null);
        if (value == null || value.isBlank()) {
            return new RecipientSettingsCache(DEFAULT_EXPIRY);
        }
        try {
            return new RecipientSettingsCache(DurationParser.parse(value.trim()));
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new ConfigurationException(PROPERTY + " in cassandra.properties must be a duration such as 10s, 1m"
                + " or 0: " + value, e);
        }
    }

    <K, V> ExpiringAnswers<K, V> newAnswers() {
        return ExpiringAnswers.keptFor(expiry);
    }
}
