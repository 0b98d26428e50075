/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

import dev.mailfort.server.testing.TestWorkingDirectory;

class RecipientSettingsCacheTest {
    @Test
    void settingsAreKeptTenSecondsUnlessConfigured() throws Exception {
        assertThat(RecipientSettingsCache.from(new BaseConfiguration()).expiry()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theExpiryTakesJamesDurations() throws Exception {
        assertThat(RecipientSettingsCache.from(with("1m")).expiry()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RecipientSettingsCache.from(with("30s")).expiry()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void zeroSwitchesTheCacheOff() throws Exception {
        assertThat(RecipientSettingsCache.from(with("0")).expiry()).isZero();
        assertThat(RecipientSettingsCache.from(with("0s")).expiry()).isZero();
    }

    @Test
    void aValueThatIsNotADurationIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> RecipientSettingsCache.from(with("soon")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(RecipientSettingsCache.PROPERTY);
        assertThatThrownBy(() -> RecipientSettingsCache.from(with("-5s")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(RecipientSettingsCache.PROPERTY);
    }

    @Test
    void theShippedConfigurationKeepsThemTenSeconds() throws Exception {
        Configuration shipped = new Configurations()
            .properties(TestWorkingDirectory.productionConf().resolve("cassandra.properties").toFile());

        assertThat(shipped.getString(RecipientSettingsCache.PROPERTY)).isEqualTo("10s");
        assertThat(RecipientSettingsCache.from(shipped).expiry()).isEqualTo(Duration.ofSeconds(10));
    }

    private static Configuration with(String value) {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty(RecipientSettingsCache.PROPERTY, value);
        return configuration;
    }
}
