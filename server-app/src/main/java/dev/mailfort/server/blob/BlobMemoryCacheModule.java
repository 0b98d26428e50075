/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import java.io.FileNotFoundException;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * {@link RecentBlobs}, sized by the {@code memory.cache.*} keys of {@code conf/blob.properties} (defaults when the file
 * or the keys are absent), and its gauges on {@code /metrics}: {@code mailfort_blob_cache_hits} and
 * {@code mailfort_blob_cache_misses} (reads since start-up), {@code mailfort_blob_cache_entries}.
 */
public class BlobMemoryCacheModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(BlobMemoryCacheModule.class);

    @Provides
    @Singleton
    BlobMemoryCacheSettings settings(PropertiesProvider properties) throws ConfigurationException {
        BlobMemoryCacheSettings settings;
        try {
            settings = BlobMemoryCacheSettings.from(properties.getConfiguration("blob"));
        } catch (FileNotFoundException e) {
            settings = BlobMemoryCacheSettings.DEFAULTS;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/blob.properties: " + e.getMessage(), e);
        }
        LOGGER.info("Blob memory cache: {}", settings);
        return settings;
    }

    @Provides
    @Singleton
    RecentBlobs recentBlobs(BlobMemoryCacheSettings settings, GaugeRegistry gauges) {
        RecentBlobs recent = new RecentBlobs(settings);
        gauges.register("mailfort_blob_cache_hits", recent::hits);
        gauges.register("mailfort_blob_cache_misses", recent::misses);
        gauges.register("mailfort_blob_cache_entries", recent::entries);
        return recent;
    }
}
