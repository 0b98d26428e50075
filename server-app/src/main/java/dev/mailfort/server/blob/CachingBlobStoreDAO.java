/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.ObjectStoreIOException;
import org.reactivestreams.Publisher;

import com.google.common.io.ByteSource;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A blob store that keeps small blobs it stores or reads in {@link RecentBlobs}, and answers reads of them from there.
 *
 * <p>Why: on Cassandra each blob read is two queries (its part count, then its parts), and a message is two blobs
 * (header and body). Mail is mostly read soon after it arrives: an IMAP client in IDLE fetches a new message within
 * seconds, a phone when it next syncs. Keeping what was just delivered spares Cassandra those reads, much as the
 * operating system's page cache spares a file-based server its disk.
 *
 * <p>Saves are written through: the blob reaches the store first and is remembered only once the store has it. A
 * stream or byte source of unknown size is read up to the size limit to learn whether it is small; a larger one is
 * handed to the store whole, its first part from memory and the rest from where it stopped.
 */
public class CachingBlobStoreDAO implements BlobStoreDAO {
    private final BlobStoreDAO store;
    private final RecentBlobs recent;

    public CachingBlobStoreDAO(BlobStoreDAO store, RecentBlobs recent) {
        this.store = store;
        this.recent = recent;
    }

    @Override
    public InputStream read(BucketName bucketName, BlobId blobId) {
        Optional<byte[]> cached = recent.get(bucketName, blobId);
        if (cached.isPresent()) {
            return new ByteArrayInputStream(cached.get());
        }
        return store.read(bucketName, blobId);
    }

    @Override
    public Publisher<InputStream> readReactive(BucketName bucketName, BlobId blobId) {
        return Mono.defer(() -> recent.get(bucketName, blobId)
            .<Mono<InputStream>>map(bytes -> Mono.just(new ByteArrayInputStream(bytes)))
            .orElseGet(() -> Mono.from(store.readReactive(bucketName, blobId))));
    }

    @Override
    public Publisher<byte[]> readBytes(BucketName bucketName, BlobId blobId) {
        return Mono.defer(() -> recent.get(bucketName, blobId)
            .map(bytes -> Mono.just(bytes.clone()))
            .orElseGet(() -> Mono.from(store.readBytes(bucketName, blobId))
                .doOnNext(bytes -> {
                    if (recent.fits(bytes.length)) {
                        recent.remember(bucketName, blobId, bytes.clone());
                    }
                })));
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, byte[] data) {
        if (data == null) {
            return store.save(bucketName, blobId, data);
        }
        if (!recent.fits(data.length)) {
            return saveUncached(bucketName, blobId, () -> store.save(bucketName, blobId, data));
        }
        return saveAndRemember(bucketName, blobId, data.clone());
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, InputStream inputStream) {
        if (inputStream == null) {
            return store.save(bucketName, blobId, inputStream);
        }
        return readHead(inputStream::readNBytes)
            .flatMap(head -> saveHeadOrWhole(bucketName, blobId, head,
                () -> store.save(bucketName, blobId, new SequenceInputStream(new ByteArrayInputStream(head), inputStream))));
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, ByteSource content) {
        if (content == null) {
            return store.save(bucketName, blobId, content);
        }
        if (content.sizeIfKnown().toJavaUtil().filter(size -> !recent.fits(size)).isPresent()) {
            return saveUncached(bucketName, blobId, () -> store.save(bucketName, blobId, content));
        }
        return readHead(limit -> {
                try (InputStream stream = content.openStream()) {
                    return stream.readNBytes(limit);
                }
            })
            .flatMap(head -> saveHeadOrWhole(bucketName, blobId, head, () -> store.save(bucketName, blobId, content)));
    }

    @Override
    public Publisher<Void> delete(BucketName bucketName, BlobId blobId) {
        return forgetAround(() -> store.delete(bucketName, blobId), () -> recent.forget(bucketName, blobId));
    }

    @Override
    public Publisher<Void> delete(BucketName bucketName, Collection<BlobId> blobIds) {
        return forgetAround(() -> store.delete(bucketName, blobIds),
            () -> blobIds.forEach(blobId -> recent.forget(bucketName, blobId)));
    }

    @Override
    public Publisher<Void> deleteBucket(BucketName bucketName) {
        return forgetAround(() -> store.deleteBucket(bucketName), () -> recent.forgetBucket(bucketName));
    }

    @Override
    public Publisher<BucketName> listBuckets() {
        return store.listBuckets();
    }

    @Override
    public Publisher<BlobId> listBlobs(BucketName bucketName) {
        return store.listBlobs(bucketName);
    }

    private interface HeadReader {
        byte[] read(int limit) throws IOException;
    }

    /** Up to one byte more than the cache takes, so that a result within the limit is the whole content. */
    private Mono<byte[]> readHead(HeadReader reader) {
        // The content may come from a file (large mails are kept on disk by James): read it off the event loop.
        return Mono.fromCallable(() -> reader.read(recent.maxBlobBytes() + 1))
            .subscribeOn(Schedulers.boundedElastic())
            .onErrorMap(IOException.class, e -> new ObjectStoreIOException("Exception occurred while saving input stream", e));
    }

    private Mono<Void> saveAndRemember(BucketName bucketName, BlobId blobId, byte[] bytes) {
        // Forgotten first: until the store has the new content, a reader must not get the old one from memory.
        return Mono.fromRunnable(() -> recent.forget(bucketName, blobId))
            .then(Mono.from(store.save(bucketName, blobId, bytes)))
            .doOnSuccess(any -> recent.remember(bucketName, blobId, bytes))
            .doOnError(e -> recent.forget(bucketName, blobId));
    }

    /** {@code head} came from {@link #readHead}: within the limit, it is the whole content. */
    private Mono<Void> saveHeadOrWhole(BucketName bucketName, BlobId blobId, byte[] head, Supplier<Publisher<Void>> whole) {
        if (recent.fits(head.length)) {
            return saveAndRemember(bucketName, blobId, head);
        }
        return saveUncached(bucketName, blobId, whole);
    }

    private Mono<Void> saveUncached(BucketName bucketName, BlobId blobId, Supplier<Publisher<Void>> save) {
        return forgetAround(save, () -> recent.forget(bucketName, blobId));
    }

    // Before, so that no read during the operation is answered from memory; after, in case one read the store
    // just before the change and remembered what it got. The operation is only asked for in between: a store may
    // start its work as soon as it is called.
    private static Mono<Void> forgetAround(Supplier<Publisher<Void>> operation, Runnable forget) {
        return Mono.fromRunnable(forget).then(Mono.defer(() -> Mono.from(operation.get()))).doFinally(signal -> forget.run());
    }
}
