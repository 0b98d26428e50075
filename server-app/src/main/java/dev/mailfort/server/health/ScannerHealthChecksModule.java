/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.health;

import java.nio.file.Path;

import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;

/** Adds clamd and rspamd to WebAdmin's {@code /healthcheck}, at the addresses mailetcontainer.xml uses. */
public class ScannerHealthChecksModule extends AbstractModule {
    @Provides
    @Singleton
    ScannerAddresses scannerAddresses(JamesDirectoriesProvider directories) {
        return ScannerAddresses.of(Path.of(directories.getConfDirectory()));
    }

    @ProvidesIntoSet
    HealthCheck clamd(ScannerAddresses addresses) {
        return new ClamdHealthCheck(addresses);
    }

    @ProvidesIntoSet
    HealthCheck rspamd(ScannerAddresses addresses) {
        return new RspamdHealthCheck(addresses);
    }
}
