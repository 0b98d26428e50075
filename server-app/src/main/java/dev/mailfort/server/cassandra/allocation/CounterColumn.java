/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import org.apache.james.mailbox.cassandra.table.CassandraMessageModseqTable;
import org.apache.james.mailbox.cassandra.table.CassandraMessageUidTable;

/**
 * Where one per-mailbox counter of James's schema lives: a table keyed by the mailbox id (a timeuuid) with one bigint
 * that holds the <em>last value handed out</em> (despite the "next" in the column names), or no row before the first.
 *
 * @param table the table name
 * @param mailboxIdColumn the partition key column, a timeuuid
 * @param valueColumn the bigint column holding the last allocated value
 */
record CounterColumn(String table, String mailboxIdColumn, String valueColumn) {
    /** {@code messagecounter.nextuid}: the last UID given to a message of the mailbox. */
    static final CounterColumn UID = new CounterColumn(CassandraMessageUidTable.TABLE_NAME,
        CassandraMessageUidTable.MAILBOX_ID.asInternal(), CassandraMessageUidTable.NEXT_UID.asInternal());

    /** {@code modseq.nextmodseq}: the highest MODSEQ of the mailbox. */
    static final CounterColumn MODSEQ = new CounterColumn(CassandraMessageModseqTable.TABLE_NAME,
        CassandraMessageModseqTable.MAILBOX_ID.asInternal(), CassandraMessageModseqTable.NEXT_MODSEQ.asInternal());
}
