/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import static org.apache.james.blob.api.BlobStoreDAOFixture.CUSTOM_BUCKET_NAME;
import static org.apache.james.blob.api.BlobStoreDAOFixture.SHORT_BYTEARRAY;
import static org.apache.james.blob.api.BlobStoreDAOFixture.TEST_BLOB_ID;
import static org.apache.james.blob.api.BlobStoreDAOFixture.TEST_BUCKET_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BlobStoreDAOContract;
import org.apache.james.blob.memory.MemoryBlobStoreDAO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's own contract for blob stores, run against the cache in front of James's in-memory store. The limits make
 * the contract's 11 KiB blobs cached and its 12 MiB ones not, so both paths are held to it.
 */
class CachingBlobStoreDAOContractTest implements BlobStoreDAOContract {
    private BlobStoreDAO testee;

    @BeforeEach
    void setUp() {
        testee = new CachingBlobStoreDAO(new MemoryBlobStoreDAO(),
            new RecentBlobs(new BlobMemoryCacheSettings(4 * 1024 * 1024, 64 * 1024)));
    }

    @Override
    public BlobStoreDAO testee() {
        return testee;
    }

    @Override
    @Test
    public void listBucketsShouldReturnBucketsWithNoBlob() {
        // James's in-memory store forgets a bucket with its last blob, which this case of the contract forbids (the
        // Cassandra store keeps it). Bucket listings are the store's alone: the cache must answer exactly as it does.
        MemoryBlobStoreDAO store = new MemoryBlobStoreDAO();
        BlobStoreDAO cached = new CachingBlobStoreDAO(store,
            new RecentBlobs(new BlobMemoryCacheSettings(4 * 1024 * 1024, 64 * 1024)));
        Mono.from(cached.save(TEST_BUCKET_NAME, TEST_BLOB_ID, SHORT_BYTEARRAY)).block();
        Mono.from(cached.save(CUSTOM_BUCKET_NAME, TEST_BLOB_ID, SHORT_BYTEARRAY)).block();
        Mono.from(cached.delete(TEST_BUCKET_NAME, TEST_BLOB_ID)).block();

        assertThat(Flux.from(cached.listBuckets()).collectList().block())
            .containsExactlyInAnyOrderElementsOf(Flux.from(store.listBuckets()).collectList().block())
            .contains(CUSTOM_BUCKET_NAME);
    }
}
