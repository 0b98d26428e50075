/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * Values read from Cassandra at each delivery and rarely changed (our domains, that a user exists, aliases, quota
 * limits, vacation settings, the active Sieve script), kept for a while so that a delivery does not read them again.
 * An entry lives {@code expiry} at most, so a cache holds only the recipients of the last few seconds of mail.
 *
 * <p>A change made through this server forgets the values it could affect; a change made through another node of a
 * cluster is seen when the kept value expires. A read that was under way while a change was forgotten does not keep
 * its answer: it may predate the change.
 */
final class ExpiringAnswers<K, V> {
    private static final long MAXIMUM_SIZE = 100_000;

    private final Optional<Cache<K, V>> answers;
    private final Object forgetting = new Object();
    private long forgotten;

    private ExpiringAnswers(Optional<Cache<K, V>> answers) {
        this.answers = answers;
    }

    /** Answers kept for {@code expiry}; {@link Duration#ZERO} keeps none, so that every call reads. */
    static <K, V> ExpiringAnswers<K, V> keptFor(Duration expiry) {
        if (expiry.isZero()) {
            return new ExpiringAnswers<>(Optional.empty());
        }
        return new ExpiringAnswers<>(Optional.of(CacheBuilder.newBuilder()
            .expireAfterWrite(expiry)
            .maximumSize(MAXIMUM_SIZE)
            .build()));
    }

    /** The kept answer for {@code key}, or the one {@code read} gives, kept unless a change was forgotten meanwhile. */
    Mono<V> get(K key, Supplier<Mono<V>> read) {
        return get(key, read, value -> true);
    }

    /** As {@link #get(Object, Supplier)}, keeping only the answers {@code worthKeeping} accepts. */
    Mono<V> get(K key, Supplier<Mono<V>> read, Predicate<V> worthKeeping) {
        if (answers.isEmpty()) {
            return read.get();
        }
        Cache<K, V> cache = answers.get();
        return Mono.defer(() -> {
            V known = cache.getIfPresent(key);
            if (known != null) {
                return Mono.just(known);
            }
            long forgottenBefore = forgottenCount();
            return read.get().doOnNext(value -> {
                if (worthKeeping.test(value)) {
                    keepUnlessForgottenSince(cache, key, value, forgottenBefore);
                }
            });
        });
    }

    /**
     * As {@link #get(Object, Supplier)}, for James's blocking interfaces: the kept answer, or the one {@code read}
     * gives on the calling thread, kept unless a change was forgotten meanwhile; a failure of the read reaches the
     * caller unchanged and keeps nothing.
     */
    <E extends Exception> V getBlocking(K key, BlockingRead<V, E> read) throws E {
        if (answers.isEmpty()) {
            return read.read();
        }
        Cache<K, V> cache = answers.get();
        V known = cache.getIfPresent(key);
        if (known != null) {
            return known;
        }
        long forgottenBefore = forgottenCount();
        V value = read.read();
        keepUnlessForgottenSince(cache, key, value, forgottenBefore);
        return value;
    }

    /** The answer kept for {@code key}, without reading. */
    Optional<V> known(K key) {
        return answers.map(cache -> cache.getIfPresent(key));
    }

    void forget(K key) {
        answers.ifPresent(cache -> {
            synchronized (forgetting) {
                forgotten++;
                cache.invalidate(key);
            }
        });
    }

    void forgetAll() {
        answers.ifPresent(cache -> {
            synchronized (forgetting) {
                forgotten++;
                cache.invalidateAll();
            }
        });
    }

    private long forgottenCount() {
        synchronized (forgetting) {
            return forgotten;
        }
    }

    private void keepUnlessForgottenSince(Cache<K, V> cache, K key, V value, long forgottenBefore) {
        synchronized (forgetting) {
            if (forgotten == forgottenBefore) {
                cache.put(key, value);
            }
        }
    }

    @FunctionalInterface
    interface BlockingRead<V, E extends Exception> {
        V read() throws E;
    }
}
