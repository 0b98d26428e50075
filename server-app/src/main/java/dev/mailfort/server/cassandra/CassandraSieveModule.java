/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.sieve.cassandra.CassandraSieveRepository;
import org.apache.james.sieverepository.api.SieveQuotaRepository;
import org.apache.james.sieverepository.api.SieveRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/** Users' Sieve scripts and their quotas, stored in Cassandra; each user's active script kept a few seconds. */
public class CassandraSieveModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CachingCassandraSieveRepository.class).in(Scopes.SINGLETON);
        bind(CassandraSieveRepository.class).to(CachingCassandraSieveRepository.class);
        bind(SieveRepository.class).to(CachingCassandraSieveRepository.class);
        bind(SieveQuotaRepository.class).to(CachingCassandraSieveRepository.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class)
            .addBinding().toInstance(org.apache.james.sieve.cassandra.CassandraSieveRepositoryModule.MODULE);
    }
}
