/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.CassandraTableManager;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;
import org.apache.james.mailbox.cassandra.modules.CassandraModSeqModule;
import org.apache.james.mailbox.cassandra.modules.CassandraUidModule;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.mailfort.server.cassandra.CassandraSessionFactory;
import dev.mailfort.server.cassandra.CassandraSettings;
import dev.mailfort.testing.cassandra.CassandraExtension;

/** A session on the test class's keyspace, opened like the server's, with James's UID and MODSEQ tables created. */
final class CounterTablesSession {
    private CounterTablesSession() {
    }

    static CqlSession open(CassandraExtension cassandra) {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("cassandra.nodes", cassandra.host() + ":" + cassandra.port());
        conf.addProperty("cassandra.local.dc", cassandra.localDatacenter());
        conf.addProperty("cassandra.keyspace", cassandra.keyspace());
        // Table creation waits for schema agreement, slow on a busy shared node.
        conf.addProperty("cassandra.request.timeout", "60000");
        CqlSession session = new CassandraSessionFactory(CassandraSettings.from(conf)).open();
        new CassandraTableManager(CassandraModule.aggregateModules(CassandraUidModule.MODULE, CassandraModSeqModule.MODULE),
            session).initializeTables(new CassandraTypesProvider(session));
        return session;
    }
}
