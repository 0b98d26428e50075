/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BucketName;

import com.google.common.base.Preconditions;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The content of blobs recently stored or read, in memory, least recently used first out, bounded by total size.
 *
 * <p>A blob never changes once stored under its id (the {@code BlobStoreDAO} contract), so an entry stays right on
 * every node of a cluster for as long as the blob exists; deletes made through this node drop it at once.
 */
public class RecentBlobs {
    // Key, map entry and array header: counted so that many tiny blobs cannot exceed the bound by far.
    private static final int ENTRY_OVERHEAD = 160;

    private final Cache<Key, byte[]> content;
    private final int maxBlobBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public RecentBlobs(BlobMemoryCacheSettings settings) {
        this.maxBlobBytes = settings.maxBlobBytes();
        this.content = CacheBuilder.newBuilder()
            // Guava splits the bound between segments, one per level: with one, any blob up to the bound fits, and
            // the lock it takes on writes is held for a map update only.
            .concurrencyLevel(1)
            .maximumWeight(settings.maxBytes())
            .weigher((Key key, byte[] bytes) -> bytes.length + ENTRY_OVERHEAD)
            .build();
    }

    /** The cached content, not to be modified: callers that hand it on copy it. */
    Optional<byte[]> get(BucketName bucket, BlobId id) {
        byte[] bytes = content.getIfPresent(new Key(bucket, id));
        (bytes == null ? misses : hits).increment();
        return Optional.ofNullable(bytes);
    }

    /** Whether a blob of this many bytes is kept: callers ask before they copy one to {@link #remember} it. */
    boolean fits(long length) {
        return length <= maxBlobBytes;
    }

    /** Keeps {@code bytes}, a blob that {@link #fits}, which the caller must not modify afterwards. */
    void remember(BucketName bucket, BlobId id, byte[] bytes) {
        Preconditions.checkArgument(fits(bytes.length), "a blob of %s bytes is over the cache's limit", bytes.length);
        content.put(new Key(bucket, id), bytes);
    }

    void forget(BucketName bucket, BlobId id) {
        content.invalidate(new Key(bucket, id));
    }

    void forgetBucket(BucketName bucket) {
        content.asMap().keySet().removeIf(key -> key.bucket().equals(bucket.asString()));
    }

    int maxBlobBytes() {
        return maxBlobBytes;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long entries() {
        return content.size();
    }

    // By their text: BlobId implementations are not bound to compare equal to one another.
    private record Key(String bucket, String id) {
        Key(BucketName bucket, BlobId id) {
            this(bucket.asString(), id.asString());
        }
    }
}
