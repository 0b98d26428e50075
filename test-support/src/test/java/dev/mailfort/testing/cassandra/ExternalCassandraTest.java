/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExternalCassandraTest {
    @Test
    void noVariableMeansNoExternalCassandra() {
        assertThat(ExternalCassandra.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void blankVariableMeansNoExternalCassandra() {
        assertThat(ExternalCassandra.fromEnvironment(Map.of("CASSANDRA_CONTACT_POINT", "  "))).isEmpty();
    }

    @Test
    void hostAndPortAreRead() {
        assertThat(ExternalCassandra.fromEnvironment(Map.of("CASSANDRA_CONTACT_POINT", "127.0.0.1:19042")))
            .contains(new CassandraEndpoint("127.0.0.1", 19042, "datacenter1"));
    }

    @Test
    void hostAloneMeansPort9042() {
        assertThat(ExternalCassandra.fromEnvironment(Map.of("CASSANDRA_CONTACT_POINT", "localhost")))
            .contains(new CassandraEndpoint("localhost", 9042, "datacenter1"));
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertThat(ExternalCassandra.parse(" 127.0.0.1:9142 ", "datacenter1"))
            .isEqualTo(new CassandraEndpoint("127.0.0.1", 9142, "datacenter1"));
    }

    @Test
    void localDatacenterComesFromItsOwnVariable() {
        assertThat(ExternalCassandra.fromEnvironment(Map.of(
                "CASSANDRA_CONTACT_POINT", "127.0.0.1:9042",
                "CASSANDRA_LOCAL_DC", "dc-paris")))
            .contains(new CassandraEndpoint("127.0.0.1", 9042, "dc-paris"));
    }

    @Test
    void bracketedIpv6AddressIsRead() {
        assertThat(ExternalCassandra.parse("[::1]:9043", "datacenter1"))
            .isEqualTo(new CassandraEndpoint("::1", 9043, "datacenter1"));
        assertThat(ExternalCassandra.parse("[::1]", "datacenter1"))
            .isEqualTo(new CassandraEndpoint("::1", 9042, "datacenter1"));
    }

    @Test
    void hostAndPortFormatRoundTrips() {
        assertThat(new CassandraEndpoint("::1", 9043, "datacenter1").hostAndPort()).isEqualTo("[::1]:9043");
        assertThat(new CassandraEndpoint("127.0.0.1", 9043, "datacenter1").hostAndPort()).isEqualTo("127.0.0.1:9043");
    }

    @Test
    void nonNumericPortIsRejected() {
        assertThatThrownBy(() -> ExternalCassandra.parse("127.0.0.1:cql", "datacenter1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("CASSANDRA_CONTACT_POINT")
            .hasMessageContaining("127.0.0.1:cql");
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> ExternalCassandra.parse("127.0.0.1:70000", "datacenter1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExternalCassandra.parse("127.0.0.1:0", "datacenter1"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingHostIsRejected() {
        assertThatThrownBy(() -> ExternalCassandra.parse(":9042", "datacenter1"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unbracketedIpv6AddressIsRejected() {
        assertThatThrownBy(() -> ExternalCassandra.parse("::1:9042", "datacenter1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("brackets");
    }
}
