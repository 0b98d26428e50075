/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.junit.jupiter.api.Test;

import dev.mailfort.server.testing.TestWorkingDirectory;

/** The production {@code conf/cassandra.properties}, as James reads it. */
class ShippedCassandraPropertiesTest {
    @Test
    void jamesRandomReadRepairOfMessageCountsIsOff() throws Exception {
        CassandraConfiguration configuration = CassandraConfiguration.from(new Configurations()
            .properties(TestWorkingDirectory.productionConf().resolve("cassandra.properties").toFile()));

        // It recomputed a mailbox's counts without stopping deliveries to it (see MailboxCounterRepairs), and listed
        // the whole mailbox on one STATUS in ten when fewer than ten messages were unread.
        assertThat(configuration.getMailboxCountersReadRepairChanceMax()).isZero();
        assertThat(configuration.getMailboxCountersReadRepairChanceOneHundred()).isZero();
    }
}
