/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.api.ObjectNotFoundException;
import org.apache.james.blob.memory.MemoryBlobStoreDAO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.io.ByteSource;

import reactor.core.publisher.Mono;

class CachingBlobStoreDAOTest {
    private static final BucketName BUCKET = BucketName.DEFAULT;
    private static final BlobId HEADER = new HashBlobId.Factory().randomId();
    private static final BlobId BODY = new HashBlobId.Factory().randomId();
    private static final int MAX_BLOB = 1024;

    private final AtomicInteger storeReads = new AtomicInteger();
    private BlobStoreDAO store;
    private RecentBlobs recent;
    private CachingBlobStoreDAO cache;

    @BeforeEach
    void setUp() {
        store = countingReads(new MemoryBlobStoreDAO());
        recent = new RecentBlobs(new BlobMemoryCacheSettings(64 * 1024, MAX_BLOB));
        cache = new CachingBlobStoreDAO(store, recent);
    }

    @Test
    void aBlobJustSavedIsReadWithoutAskingTheStore() {
        save(HEADER, bytes(100, 'h'));
        Mono.from(cache.save(BUCKET, BODY, ByteSource.wrap(bytes(800, 'b')))).block();

        assertThat(readBytes(HEADER)).isEqualTo(bytes(100, 'h'));
        assertThat(readBytes(BODY)).isEqualTo(bytes(800, 'b'));
        assertThat(storeReads).hasValue(0);
        assertThat(recent.hits()).isEqualTo(2);
    }

    @Test
    void everyReadStyleIsAnsweredFromMemory() throws IOException {
        Mono.from(cache.save(BUCKET, HEADER, new ByteArrayInputStream(bytes(500, 'x')))).block();

        try (InputStream stream = cache.read(BUCKET, HEADER);
             InputStream reactive = Mono.from(cache.readReactive(BUCKET, HEADER)).block()) {
            assertThat(stream.readAllBytes()).isEqualTo(bytes(500, 'x'));
            assertThat(reactive.readAllBytes()).isEqualTo(bytes(500, 'x'));
        }
        assertThat(storeReads).hasValue(0);
    }

    @Test
    void aBlobReadFromTheStoreIsRememberedForTheNextRead() {
        Mono.from(store.save(BUCKET, HEADER, bytes(300, 'r'))).block();

        readBytes(HEADER);
        readBytes(HEADER);

        assertThat(storeReads).hasValue(1);
        assertThat(recent.misses()).isEqualTo(1);
        assertThat(recent.hits()).isEqualTo(1);
    }

    @Test
    void blobsOverTheLimitAreAlwaysReadFromTheStore() {
        save(BODY, bytes(MAX_BLOB + 1, 'L'));
        Mono.from(cache.save(BUCKET, HEADER, new ByteArrayInputStream(bytes(3 * MAX_BLOB, 'S')))).block();

        assertThat(readBytes(BODY)).isEqualTo(bytes(MAX_BLOB + 1, 'L'));
        assertThat(readBytes(HEADER)).isEqualTo(bytes(3 * MAX_BLOB, 'S'));
        assertThat(readBytes(HEADER)).isEqualTo(bytes(3 * MAX_BLOB, 'S'));
        assertThat(storeReads).hasValue(3);
        assertThat(recent.entries()).isZero();
    }

    @Test
    void aBlobOfExactlyTheLimitIsKept() {
        save(BODY, bytes(MAX_BLOB, 'e'));

        assertThat(readBytes(BODY)).hasSize(MAX_BLOB);
        assertThat(storeReads).hasValue(0);
    }

    @Test
    void aDeletedBlobIsNotAnsweredFromMemory() {
        save(HEADER, bytes(100, 'd'));
        save(BODY, bytes(100, 'e'));

        Mono.from(cache.delete(BUCKET, HEADER)).block();
        Mono.from(cache.delete(BUCKET, List.of(BODY))).block();

        assertThatThrownBy(() -> readBytes(HEADER)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> readBytes(BODY)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(recent.entries()).isZero();
    }

    @Test
    void deletingABucketForgetsItsBlobsOnly() {
        BucketName other = BucketName.of("quarantine");
        save(HEADER, bytes(100, 'k'));
        Mono.from(cache.save(other, BODY, bytes(100, 'q'))).block();

        Mono.from(cache.deleteBucket(other)).block();

        assertThatThrownBy(() -> Mono.from(cache.readBytes(other, BODY)).block()).isInstanceOf(ObjectNotFoundException.class);
        assertThat(readBytes(HEADER)).isEqualTo(bytes(100, 'k'));
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void aCallerChangingItsArrayDoesNotChangeWhatOthersRead() {
        byte[] saved = bytes(100, 'a');
        save(HEADER, saved);
        Arrays.fill(saved, (byte) 'z');
        readBytes(HEADER)[0] = 'z';

        assertThat(readBytes(HEADER)).isEqualTo(bytes(100, 'a'));
    }

    @Test
    void theSizeBoundEvictsTheLeastRecentlyUsed() {
        RecentBlobs small = new RecentBlobs(new BlobMemoryCacheSettings(3 * MAX_BLOB + 1000, MAX_BLOB));
        CachingBlobStoreDAO bounded = new CachingBlobStoreDAO(store, small);
        BlobId first = new HashBlobId.Factory().randomId();
        Mono.from(bounded.save(BUCKET, first, bytes(MAX_BLOB, 'f'))).block();
        for (int i = 0; i < 20; i++) {
            Mono.from(bounded.save(BUCKET, new HashBlobId.Factory().randomId(), bytes(MAX_BLOB, 'n'))).block();
            Mono.from(bounded.readBytes(BUCKET, first)).block();
        }

        // Each entry weighs its content and some overhead: three 1 KiB blobs fit, not four. The one read again
        // and again stayed while the others came and went.
        assertThat(small.entries()).isEqualTo(3);
        assertThat(small.misses()).isZero();
    }

    @Test
    void aFailedSaveLeavesNothingInMemory() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> Mono.from(cache.save(BUCKET, HEADER, failing)).block()).hasMessageContaining("saving");
        assertThat(recent.entries()).isZero();
    }

    private void save(BlobId id, byte[] content) {
        Mono.from(cache.save(BUCKET, id, content)).block();
    }

    private byte[] readBytes(BlobId id) {
        return Mono.from(cache.readBytes(BUCKET, id)).block();
    }

    private static byte[] bytes(int length, char fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    private BlobStoreDAO countingReads(BlobStoreDAO delegate) {
        return (BlobStoreDAO) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BlobStoreDAO.class},
            (proxy, method, args) -> {
                if (method.getName().startsWith("read")) {
                    storeReads.incrementAndGet();
                }
                try {
                    return method.invoke(delegate, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }
}
