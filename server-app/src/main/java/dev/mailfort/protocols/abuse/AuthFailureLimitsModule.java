/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import java.io.FileNotFoundException;
import java.time.Clock;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * The one {@link AuthFailureTracker} that every protocol's login handlers share, configured by
 * {@code conf/abuse.properties} (defaults when the file is absent).
 */
public class AuthFailureLimitsModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthFailureLimitsModule.class);

    @Provides
    @Singleton
    AuthFailureSettings provideSettings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        AuthFailureSettings settings;
        try {
            settings = AuthFailureSettings.from(propertiesProvider.getConfiguration("abuse"));
        } catch (FileNotFoundException e) {
            settings = AuthFailureSettings.DEFAULTS;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/abuse.properties: " + e.getMessage(), e);
        }
        LOGGER.info("Failed logins: {}", settings);
        return settings;
    }

    @Provides
    @Singleton
    AuthFailureTracker provideTracker(AuthFailureSettings settings) {
        return new AuthFailureTracker(settings, Clock.systemUTC());
    }
}
