/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

/**
 * Gives the JVM's common fork-join pool at least two threads, before anything uses it.
 *
 * <p>The pool gets one thread per core but one, so on a 2-core host it has a single thread, and then the JDK runs
 * every {@code CompletableFuture} "async" step without an executor of its own on a brand-new thread. The DNS client
 * (SPF, DMARC, DKIM keys) and the JDK's HTTP client (rspamd) use such steps: a profile of 600 messages showed 2400
 * threads created and ended, four per message. With two threads the pool is used and its threads are kept.
 *
 * <p>An explicit {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
 */
public final class CommonPoolSizing {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MINIMUM = 2;

    private CommonPoolSizing() {
    }

    /** To be called first thing in {@code main}: the pool reads the property once, when it is first touched. */
    public static void atLeastTwoThreads() {
        if (System.getProperty(PARALLELISM) == null
            && Runtime.getRuntime().availableProcessors() - 1 < MINIMUM) {
            System.setProperty(PARALLELISM, String.valueOf(MINIMUM));
        }
    }
}
