/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.blob;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.util.Size;

/**
 * How much memory {@link RecentBlobs} may use, read from {@code conf/blob.properties}:
 * <pre>
 * memory.cache.size=32M             # total, 0 switches the cache off
 * memory.cache.blob.max.size=128K   # larger blobs are always read from Cassandra
 * </pre>
 *
 * @param maxBytes     bound on the cached content, in bytes; 0 means no cache
 * @param maxBlobBytes blobs larger than this are never cached
 */
public record BlobMemoryCacheSettings(long maxBytes, int maxBlobBytes) {
    public static final BlobMemoryCacheSettings DEFAULTS = new BlobMemoryCacheSettings(32L * 1024 * 1024, 128 * 1024);
    // A blob is held as one array; beyond this a single entry would be a sizeable part of a 1 GB heap.
    private static final long LARGEST_BLOB = 16L * 1024 * 1024;

    public BlobMemoryCacheSettings {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("memory.cache.size must not be negative, got " + maxBytes);
        }
        if (maxBytes > 0 && (maxBlobBytes < 1 || maxBlobBytes > Math.min(maxBytes, LARGEST_BLOB))) {
            throw new IllegalArgumentException("memory.cache.blob.max.size must be between 1 byte and the smaller of "
                + "memory.cache.size and 16M, got " + maxBlobBytes);
        }
    }

    /** Reads the {@code memory.cache.*} keys; absent keys keep their default. */
    public static BlobMemoryCacheSettings from(Configuration conf) {
        long maxBytes = size(conf, "memory.cache.size", DEFAULTS.maxBytes);
        long maxBlobBytes = size(conf, "memory.cache.blob.max.size", DEFAULTS.maxBlobBytes);
        if (maxBlobBytes > LARGEST_BLOB) {
            throw new IllegalArgumentException("memory.cache.blob.max.size must be at most 16M, got " + maxBlobBytes);
        }
        return new BlobMemoryCacheSettings(maxBytes, (int) maxBlobBytes);
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    private static long size(Configuration conf, String key, long fallback) {
        String text = conf.getString(key, null);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Size.parse(text.trim()).asBytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a size such as 32M or 128K, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return enabled() ? maxBytes / 1024 + " KiB, blobs up to " + maxBlobBytes / 1024 + " KiB" : "off";
    }
}
