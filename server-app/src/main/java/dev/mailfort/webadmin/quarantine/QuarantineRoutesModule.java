/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.io.FileNotFoundException;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * Adds the {@code /quarantine} routes to WebAdmin, with the quarantines of {@code conf/quarantine.properties}, or the
 * production pipeline's three when the file is absent. Needs James's mail repository routes module (for its
 * reprocessing service) and a mail queue.
 */
public class QuarantineRoutesModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineRoutesModule.class);
    static final String CONFIGURATION_FILE = "quarantine";

    @Override
    protected void configure() {
        bind(QuarantineService.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(QuarantineRoutes.class);
    }

    @Provides
    @Singleton
    QuarantineReasons quarantineReasons(PropertiesProvider propertiesProvider) throws ConfigurationException {
        QuarantineReasons reasons;
        try {
            reasons = QuarantineReasons.from(propertiesProvider.getConfiguration(CONFIGURATION_FILE));
        } catch (FileNotFoundException e) {
            reasons = QuarantineReasons.defaults();
        }
        reasons.all().forEach(reason -> LOGGER.info("Quarantine '{}': {}, released into processor '{}'",
            reason.name(), reason.repository().asString(), reason.releaseProcessor()));
        return reasons;
    }
}
