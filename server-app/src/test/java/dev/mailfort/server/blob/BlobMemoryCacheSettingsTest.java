/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

import dev.mailfort.server.testing.TestWorkingDirectory;

class BlobMemoryCacheSettingsTest {
    @Test
    void absentKeysGiveTheDefaults() {
        assertThat(BlobMemoryCacheSettings.from(new BaseConfiguration()))
            .isEqualTo(new BlobMemoryCacheSettings(32 * 1024 * 1024, 128 * 1024));
    }

    @Test
    void sizesAreReadWithTheirUnits() {
        BaseConfiguration conf = new BaseConfiguration();
        conf.setProperty("memory.cache.size", "256M");
        conf.setProperty("memory.cache.blob.max.size", "1M");

        assertThat(BlobMemoryCacheSettings.from(conf))
            .isEqualTo(new BlobMemoryCacheSettings(256L * 1024 * 1024, 1024 * 1024));
    }

    @Test
    void zeroSwitchesTheCacheOff() {
        BaseConfiguration conf = new BaseConfiguration();
        conf.setProperty("memory.cache.size", "0");

        assertThat(BlobMemoryCacheSettings.from(conf).enabled()).isFalse();
    }

    @Test
    void nonsenseIsRefusedWithTheKeyNamed() {
        BaseConfiguration conf = new BaseConfiguration();
        conf.setProperty("memory.cache.size", "lots");
        assertThatThrownBy(() -> BlobMemoryCacheSettings.from(conf)).hasMessageContaining("memory.cache.size");

        BaseConfiguration tooLarge = new BaseConfiguration();
        tooLarge.setProperty("memory.cache.size", "1M");
        tooLarge.setProperty("memory.cache.blob.max.size", "2M");
        assertThatThrownBy(() -> BlobMemoryCacheSettings.from(tooLarge)).hasMessageContaining("memory.cache.blob.max.size");
    }

    @Test
    void theShippedFileGivesTheDefaults() throws ConfigurationException {
        Configuration shipped = new Configurations()
            .properties(TestWorkingDirectory.productionConf().resolve("blob.properties").toFile());

        assertThat(BlobMemoryCacheSettings.from(shipped)).isEqualTo(BlobMemoryCacheSettings.DEFAULTS);
    }
}
