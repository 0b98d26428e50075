/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * The sender allow list: its Cassandra table (created with James's schema), the service the
 * {@link SenderIsAllowedByRecipient} matcher, the SMTP spam check and the admin pages share, the
 * release-and-allow workflow, and the WebAdmin {@code /allowlist} routes.
 */
public class SenderAllowListModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraSenderAllowList.class).in(Scopes.SINGLETON);
        bind(SenderAllowList.class).to(CassandraSenderAllowList.class);
        bind(ReleaseAndAllowSender.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding()
            .toInstance(CassandraSenderAllowList.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(SenderAllowListRoutes.class);
    }
}
