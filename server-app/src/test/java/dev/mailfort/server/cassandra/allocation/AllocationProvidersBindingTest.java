/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.junit.jupiter.api.Test;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.LinkedKeyBinding;

import dev.mailfort.server.cassandra.CassandraMailboxStorageModule;

/** The server's mailbox module hands James's mappers our allocating providers, not James's. */
class AllocationProvidersBindingTest {
    private final List<Element> elements = Elements.getElements(new CassandraMailboxStorageModule());

    @Test
    void uidProviderIsTheOptimisticOne() {
        assertThat(targetOf(Key.get(UidProvider.class))).contains(Key.get(OptimisticUidProvider.class));
    }

    @Test
    void modSeqProviderIsTheOptimisticOne() {
        assertThat(targetOf(Key.get(ModSeqProvider.class))).contains(Key.get(OptimisticModSeqProvider.class));
    }

    private Optional<Key<?>> targetOf(Key<?> key) {
        return elements.stream()
            .filter(element -> element instanceof Binding<?> binding && binding.getKey().equals(key))
            .filter(LinkedKeyBinding.class::isInstance)
            .<Key<?>>map(element -> ((LinkedKeyBinding<?>) element).getLinkedKey())
            .findFirst();
    }
}
