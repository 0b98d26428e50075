/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A keyspace that belongs to one test class, on the shared Cassandra.
 *
 * @param endpoint where the keyspace lives
 * @param name a valid unquoted CQL identifier, unique per test class and JVM run
 */
public record TestKeyspace(CassandraEndpoint endpoint, String name) {
    /** Cassandra refuses longer keyspace names. */
    static final int MAX_NAME_LENGTH = 48;
    private static final int MAX_CLASS_PART = 28;

    public TestKeyspace {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(name, "name");
    }

    /**
     * {@code t_<class name>_<8 random hex digits>}: the class name shows in Cassandra's log which test made the
     * keyspace, and the random part keeps test JVMs that share one node (and reruns) apart.
     */
    public static String nameFor(Class<?> testClass) {
        String simpleName = testClass == null ? "" : testClass.getSimpleName();
        String classPart = simpleName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
            .replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (classPart.length() > MAX_CLASS_PART) {
            classPart = classPart.substring(0, MAX_CLASS_PART);
        }
        String random = String.format("%08x", ThreadLocalRandom.current().nextInt());
        return classPart.isEmpty() ? "t_" + random : "t_" + classPart + "_" + random;
    }
}
