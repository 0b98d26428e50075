/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

class CassandraSettingsTest {
    @Test
    void defaultsToALocalNodeAndASingleReplica() {
        CassandraSettings settings = CassandraSettings.from(new BaseHierarchicalConfiguration());

        assertThat(settings.contactPoints()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 9042));
        assertThat(settings.keyspace()).isEqualTo("mailfort");
        assertThat(settings.createKeyspace()).isTrue();
        assertThat(settings.replicationCql()).isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(settings.localDatacenter()).isEqualTo("datacenter1");
    }

    @Test
    void readsAndWritesAtQuorumByDefault() {
        CassandraSettings settings = CassandraSettings.from(new BaseHierarchicalConfiguration());

        assertThat(settings.regularConsistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
        assertThat(settings.lightweightTransactionConsistency()).isEqualTo(DefaultConsistencyLevel.SERIAL);
    }

    @Test
    void readsTheConsistencyLevelsJamesDocuments() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.consistency_level.regular", "local_quorum");
        conf.addProperty("cassandra.consistency_level.lightweight_transaction", "LOCAL_SERIAL");

        CassandraSettings settings = CassandraSettings.from(conf);

        assertThat(settings.regularConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
        assertThat(settings.lightweightTransactionConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
    }

    @Test
    void refusesAnUnknownConsistencyOrANonSerialOneForTransactions() {
        BaseHierarchicalConfiguration unknown = new BaseHierarchicalConfiguration();
        unknown.addProperty("cassandra.consistency_level.regular", "MOST");
        BaseHierarchicalConfiguration notSerial = new BaseHierarchicalConfiguration();
        notSerial.addProperty("cassandra.consistency_level.lightweight_transaction", "QUORUM");

        assertThatThrownBy(() -> CassandraSettings.from(unknown)).hasMessageContaining("cassandra.consistency_level.regular");
        assertThatThrownBy(() -> CassandraSettings.from(notSerial))
            .hasMessageContaining("cassandra.consistency_level.lightweight_transaction");
    }

    @Test
    void readsSeveralNodesWithAndWithoutPorts() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.nodes", "cass1:9142, cass2 ,[::1]:9043");

        assertThat(CassandraSettings.from(conf).contactPoints()).containsExactly(
            InetSocketAddress.createUnresolved("cass1", 9142),
            InetSocketAddress.createUnresolved("cass2", 9042),
            InetSocketAddress.createUnresolved("::1", 9043));
    }

    @Test
    void networkTopologyReplicationUsesTheLocalDatacenter() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.replication.strategy", "NetworkTopologyStrategy");
        conf.addProperty("cassandra.replication.factor", "3");
        conf.addProperty("cassandra.local.dc", "paris");

        assertThat(CassandraSettings.from(conf).replicationCql())
            .isEqualTo("{'class': 'NetworkTopologyStrategy', 'paris': 3}");
    }

    @Test
    void refusesAKeyspaceNameThatIsNotAPlainIdentifier() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.keyspace", "mail; DROP KEYSPACE system");

        assertThatThrownBy(() -> CassandraSettings.from(conf)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cassandra.keyspace");
    }

    @Test
    void refusesAUserWithoutPassword() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.user", "james");

        assertThatThrownBy(() -> CassandraSettings.from(conf)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfWithoutThePassword() {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.user", "james");
        conf.addProperty("cassandra.password", "s3cr3t-value");

        assertThat(CassandraSettings.from(conf).toString()).doesNotContain("s3cr3t-value");
    }
}
