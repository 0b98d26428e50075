/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import java.util.OptionalLong;

/**
 * What a conditional write of a counter told us.
 *
 * @param applied whether this write won and the counter now holds the value it proposed
 * @param current when not applied: the value Cassandra found instead, read inside the same Paxos round (so as fresh as
 *                a SERIAL read); empty when the answer carried no value, which is the case when the row does not exist
 */
record CompareAndSetOutcome(boolean applied, OptionalLong current) {
    static CompareAndSetOutcome won() {
        return new CompareAndSetOutcome(true, OptionalLong.empty());
    }

    static CompareAndSetOutcome lostTo(OptionalLong current) {
        return new CompareAndSetOutcome(false, current);
    }
}
