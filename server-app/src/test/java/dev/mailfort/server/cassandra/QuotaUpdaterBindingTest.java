/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.events.EventListener;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.junit.jupiter.api.Test;

import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.LinkedKeyBinding;

import dev.mailfort.server.quota.CurrentQuotaUpdater;

/**
 * The storage module, which single servers and cluster nodes both use, registers our quota updater on the event
 * bus and not James's: with both, the bus would refuse the second registration of the same group at start.
 */
class QuotaUpdaterBindingTest {
    private final List<Element> elements = Elements.getElements(new CassandraMailboxStorageModule());

    @Test
    void eventBusListenersIncludeOurQuotaUpdaterAndNotJames() {
        List<Class<?>> listeners = targetsOf(EventListener.ReactiveGroupEventListener.class);

        assertThat(listeners).contains(CurrentQuotaUpdater.class).doesNotContain(ListeningCurrentQuotaUpdater.class);
    }

    @Test
    void jamesQuotaUpdaterIsNotRegisteredAsABlockingListenerEither() {
        assertThat(targetsOf(EventListener.GroupEventListener.class)).doesNotContain(ListeningCurrentQuotaUpdater.class);
    }

    @Test
    void quotaUpdaterIsOurs() {
        assertThat(targetsOf(QuotaUpdater.class)).containsExactly(CurrentQuotaUpdater.class);
    }

    /** The classes bound to a type, directly or as elements of its multibinder set. */
    private List<Class<?>> targetsOf(Class<?> type) {
        return elements.stream()
            .filter(LinkedKeyBinding.class::isInstance)
            .map(element -> (LinkedKeyBinding<?>) element)
            .filter(binding -> binding.getKey().getTypeLiteral().getRawType().equals(type))
            .map(LinkedKeyBinding::getLinkedKey)
            .map(Key::getTypeLiteral)
            .<Class<?>>map(literal -> literal.getRawType())
            .toList();
    }
}
