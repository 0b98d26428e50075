/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import org.apache.james.DefaultVacationService;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.jmap.draft.utils.JsoupHtmlTextExtractor;
import org.apache.james.util.date.DefaultZonedDateTimeProvider;
import org.apache.james.util.date.ZonedDateTimeProvider;
import org.apache.james.util.html.HtmlTextExtractor;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.VacationRepository;
import org.apache.james.vacation.api.VacationService;
import org.apache.james.vacation.cassandra.CassandraNotificationRegistry;
import org.apache.james.vacation.cassandra.CassandraVacationRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * Out-of-office replies: each user's vacation message and who has already been answered, stored in Cassandra.
 * Read by the {@code VacationMailet} of the local-delivery pipeline (each user's settings kept a few seconds) and
 * edited through WebAdmin.
 */
public class CassandraVacationModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DefaultVacationService.class).in(Scopes.SINGLETON);
        bind(CachingVacationService.class).in(Scopes.SINGLETON);
        bind(VacationService.class).to(CachingVacationService.class);
        bind(CassandraVacationRepository.class).in(Scopes.SINGLETON);
        bind(VacationRepository.class).to(CassandraVacationRepository.class);
        bind(CassandraNotificationRegistry.class).in(Scopes.SINGLETON);
        bind(NotificationRegistry.class).to(CassandraNotificationRegistry.class);
        bind(DefaultZonedDateTimeProvider.class).in(Scopes.SINGLETON);
        bind(ZonedDateTimeProvider.class).to(DefaultZonedDateTimeProvider.class);
        bind(JsoupHtmlTextExtractor.class).in(Scopes.SINGLETON);
        bind(HtmlTextExtractor.class).to(JsoupHtmlTextExtractor.class);

        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(org.apache.james.vacation.cassandra.CassandraVacationModule.MODULE);
        tables.addBinding().toInstance(org.apache.james.vacation.cassandra.CassandraNotificationRegistryModule.MODULE);
    }
}
