/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.CoreDataModule;
import org.apache.james.adapter.mailbox.DelegationStoreAuthorizator;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.cassandra.CassandraDomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.cassandra.CassandraMappingsSourcesDAO;
import org.apache.james.rrt.cassandra.CassandraRRTModule;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTable;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTableDAO;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.DelegationUsernameChangeTaskStep;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.cassandra.CassandraDelegationStore;
import org.apache.james.user.cassandra.CassandraRepositoryConfiguration;
import org.apache.james.user.cassandra.CassandraUsersDAO;
import org.apache.james.user.lib.UsersDAO;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Domains, users, delegation and the recipient rewrite table (aliases, forwards, groups) stored in Cassandra.
 *
 * <p>Each store reads its XML file ({@code domainlist.xml}, {@code usersrepository.xml},
 * {@code recipientrewritetable.xml}) once the injector is built, through James's initialization operations.
 */
public class CassandraUsersAndDomainsModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new CoreDataModule());

        bind(CachingCassandraDomainList.class).in(Scopes.SINGLETON);
        bind(CassandraDomainList.class).to(CachingCassandraDomainList.class);
        bind(DomainList.class).to(CachingCassandraDomainList.class);

        bind(CachingCassandraUsersDAO.class).in(Scopes.SINGLETON);
        bind(CassandraUsersDAO.class).to(CachingCassandraUsersDAO.class);
        bind(UsersDAO.class).to(CachingCassandraUsersDAO.class);
        bind(new TypeLiteral<UsersRepositoryImpl<CassandraUsersDAO>>() {}).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(new TypeLiteral<UsersRepositoryImpl<CassandraUsersDAO>>() {});

        bind(DelegationStore.class).to(CassandraDelegationStore.class);
        bind(Authorizator.class).to(DelegationStoreAuthorizator.class);

        bind(CassandraRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(CassandraRecipientRewriteTableDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMappingsSourcesDAO.class).in(Scopes.SINGLETON);
        bind(CachingRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTable.class).to(CachingRecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);

        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(org.apache.james.domainlist.cassandra.CassandraDomainListModule.MODULE);
        tables.addBinding().toInstance(org.apache.james.user.cassandra.CassandraUsersRepositoryModule.MODULE);
        tables.addBinding().toInstance(CassandraRRTModule.MODULE);

        Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class).addBinding().to(DelegationUsernameChangeTaskStep.class);
    }

    @Provides
    @Singleton
    CassandraRepositoryConfiguration usersTableSettings(ConfigurationProvider configuration) throws ConfigurationException {
        return CassandraRepositoryConfiguration.from(configuration.getConfiguration("usersrepository"));
    }

    @ProvidesIntoSet
    InitializationOperation configureDomains(DomainListConfiguration configuration, CachingCassandraDomainList domains) {
        return InitilizationOperationBuilder.forClass(CachingCassandraDomainList.class)
            .init(() -> domains.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configuration, UsersRepositoryImpl<CassandraUsersDAO> users) {
        return InitilizationOperationBuilder.forClass(UsersRepositoryImpl.class)
            .init(() -> users.configure(configuration.getConfiguration("usersrepository")));
    }

    @ProvidesIntoSet
    InitializationOperation configureRewriteTable(ConfigurationProvider configuration, CassandraRecipientRewriteTable table) {
        return InitilizationOperationBuilder.forClass(CassandraRecipientRewriteTable.class)
            .init(() -> table.configure(configuration.getConfiguration("recipientrewritetable")));
    }
}
