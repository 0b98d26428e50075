/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

class SchemaCompatibleSessionTest {
    @Test
    void rewritesTheLz4OptionsJamesDeclaresIntoOnesCassandra5Accepts() {
        String james = SchemaBuilder.createTable("messagev3").withPartitionKey("id", DataTypes.UUID)
            .withLZ4Compression(8, 1.0).asCql();
        assertThat(james).contains("'chunk_length_kb'");

        String rewritten = SchemaCompatibleSession.rewriteCreateTable(james);

        assertThat(rewritten)
            .contains("'chunk_length_in_kb':8")
            .doesNotContain("chunk_length_kb")
            .doesNotContain("crc_check_chance");
    }

    @Test
    void leavesOtherTableOptionsAlone() {
        String cql = "CREATE TABLE t (id uuid PRIMARY KEY) WITH compaction={'class':'LeveledCompactionStrategy'} AND comment='x'";

        assertThat(SchemaCompatibleSession.rewriteCreateTable(cql)).isEqualTo(cql);
    }

    @Test
    void schemaChangesGetTheLongerTimeout() {
        SimpleStatement createType = SimpleStatement.newInstance("CREATE TYPE IF NOT EXISTS ks.flags (value text)");
        SimpleStatement createTable = SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS ks.t (id int PRIMARY KEY)");

        assertThat(SchemaCompatibleSession.rewrite(createType).getTimeout())
            .isEqualTo(SchemaCompatibleSession.SCHEMA_CHANGE_TIMEOUT);
        assertThat(SchemaCompatibleSession.rewrite(createTable).getTimeout())
            .isEqualTo(SchemaCompatibleSession.SCHEMA_CHANGE_TIMEOUT);
    }

    @Test
    void otherStatementsKeepTheRequestTimeout() {
        SimpleStatement select = SimpleStatement.newInstance("SELECT * FROM ks.t");

        assertThat(SchemaCompatibleSession.rewrite(select).getTimeout()).isNull();
    }
}
