/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.MetricableBlobStore;
import org.apache.james.blob.cassandra.CassandraBlobModule;
import org.apache.james.blob.cassandra.CassandraBlobStoreDAO;
import org.apache.james.blob.cassandra.CassandraBlobStoreFactory;
import org.apache.james.blob.cassandra.CassandraDefaultBucketDAO;
import org.apache.james.modules.mailbox.BlobStoreAPIModule;
import org.apache.james.server.blob.deduplication.PassThroughBlobStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import dev.mailfort.server.blob.BlobMemoryCacheModule;
import dev.mailfort.server.blob.BlobMemoryCacheSettings;
import dev.mailfort.server.blob.CachingBlobStoreDAO;
import dev.mailfort.server.blob.RecentBlobs;

/**
 * Message bodies and attachments as blobs in Cassandra, one blob per stored item ("pass-through").
 *
 * <p>We chose pass-through over James's deduplicating store: deleting a message then frees its blob at once, with no
 * garbage-collection task to schedule, and the choice cannot be changed later without migrating the blobs.
 *
 * <p>Small blobs recently stored or read are also kept in memory ({@link CachingBlobStoreDAO}) unless
 * {@code memory.cache.size=0} in {@code conf/blob.properties}.
 */
public class CassandraBlobStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new BlobStoreAPIModule());

        bind(CassandraDefaultBucketDAO.class).in(Scopes.SINGLETON);
        bind(CassandraBlobStoreFactory.class).in(Scopes.SINGLETON);
        bind(CassandraBlobStoreDAO.class).in(Scopes.SINGLETON);
        install(new BlobMemoryCacheModule());
        bind(BlobStore.class).annotatedWith(Names.named(MetricableBlobStore.BLOB_STORE_IMPLEMENTATION))
            .to(PassThroughBlobStore.class);
        bind(BucketName.class).annotatedWith(Names.named(BlobStore.DEFAULT_BUCKET_NAME_QUALIFIER))
            .toInstance(BucketName.DEFAULT);

        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraBlobModule.MODULE);
    }

    @Provides
    @Singleton
    BlobStoreDAO blobStoreDAO(CassandraBlobStoreDAO cassandra, BlobMemoryCacheSettings settings, RecentBlobs recent) {
        if (!settings.enabled()) {
            return cassandra;
        }
        return new CachingBlobStoreDAO(cassandra, recent);
    }
}
