/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.adapter.mailbox.ACLUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.MailboxUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.QuotaUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionManager;
import org.apache.james.blob.api.BlobReferenceSource;
import org.apache.james.events.EventListener;
import org.apache.james.eventsourcing.Event;
import org.apache.james.eventsourcing.eventstore.cassandra.CassandraEventStore;
import org.apache.james.eventsourcing.eventstore.cassandra.EventStoreDao;
import org.apache.james.eventsourcing.eventstore.cassandra.JsonEventSerializer;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTO;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTOModule;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.AttachmentManager;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.RightManager;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.cassandra.CassandraMailboxManager;
import org.apache.james.mailbox.cassandra.CassandraMailboxSessionMapperFactory;
import org.apache.james.mailbox.cassandra.CassandraThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.cassandra.DeleteMessageListener;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.ids.CassandraMessageId;
import org.apache.james.mailbox.cassandra.mail.ACLMapper;
import org.apache.james.mailbox.cassandra.mail.AttachmentBlobReferenceSource;
import org.apache.james.mailbox.cassandra.mail.CassandraACLDAOV1;
import org.apache.james.mailbox.cassandra.mail.CassandraACLDAOV2;
import org.apache.james.mailbox.cassandra.mail.CassandraACLMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraApplicableFlagDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraAttachmentDAOV2;
import org.apache.james.mailbox.cassandra.mail.CassandraAttachmentMessageIdDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraDeletedMessageDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraFirstUnseenDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxPathV3DAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxRecentsDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageDAOV3;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdToImapUidDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraThreadDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraThreadLookupDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraUserMailboxRightsDAO;
import org.apache.james.mailbox.cassandra.mail.MessageBlobReferenceSource;
import org.apache.james.mailbox.cassandra.mail.eventsourcing.acl.ACLModule;
import org.apache.james.mailbox.cassandra.modules.CassandraAclModule;
import org.apache.james.mailbox.cassandra.modules.CassandraAnnotationModule;
import org.apache.james.mailbox.cassandra.modules.CassandraApplicableFlagsModule;
import org.apache.james.mailbox.cassandra.modules.CassandraAttachmentModule;
import org.apache.james.mailbox.cassandra.modules.CassandraDeletedMessageModule;
import org.apache.james.mailbox.cassandra.modules.CassandraFirstUnseenModule;
import org.apache.james.mailbox.cassandra.modules.CassandraMailboxCounterModule;
import org.apache.james.mailbox.cassandra.modules.CassandraMailboxRecentsModule;
import org.apache.james.mailbox.cassandra.modules.CassandraMessageModule;
import org.apache.james.mailbox.cassandra.modules.CassandraModSeqModule;
import org.apache.james.mailbox.cassandra.modules.CassandraSubscriptionModule;
import org.apache.james.mailbox.cassandra.modules.CassandraThreadModule;
import org.apache.james.mailbox.cassandra.modules.CassandraUidModule;
import org.apache.james.mailbox.cassandra.quota.CassandraCurrentQuotaManager;
import org.apache.james.mailbox.cassandra.quota.CassandraGlobalMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerDomainMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaManager;
import org.apache.james.mailbox.indexer.MessageIdReIndexer;
import org.apache.james.mailbox.indexer.ReIndexer;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootDeserializer;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreAttachmentManager;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreMessageIdManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.mail.AttachmentMapperFactory;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.mailbox.store.user.SubscriptionMapperFactory;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.quota.search.QuotaSearcher;
import org.apache.james.quota.search.scanning.ScanningQuotaSearcher;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.utils.MailboxManagerDefinition;
import org.apache.mailbox.tools.indexer.MessageIdReIndexerImpl;
import org.apache.mailbox.tools.indexer.ReIndexerImpl;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import dev.mailfort.server.cassandra.allocation.OptimisticModSeqProvider;
import dev.mailfort.server.cassandra.allocation.OptimisticUidProvider;
import dev.mailfort.server.quota.CurrentQuotaUpdater;
import dev.mailfort.server.events.CassandraEventDeadLettersModule;

/**
 * Mailboxes, messages, flags, ACLs, quotas and threads stored in Cassandra, with the in-VM event bus.
 *
 * <p>Event-bus dead letters are kept in Cassandra by our own store ({@link CassandraEventDeadLettersModule}): James's
 * is in an artifact we cannot use, and in memory they would be lost on restart and seen by one cluster node only.
 */
public class CassandraMailboxStorageModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new DefaultEventModule());
        install(new CassandraEventDeadLettersModule());

        bindDaos();
        bindMailboxManager();
        bindQuotas();
        bindTables();
        bindListenersAndHooks();
    }

    private void bindDaos() {
        bind(CassandraApplicableFlagDAO.class).in(Scopes.SINGLETON);
        bind(CassandraAttachmentDAOV2.class).in(Scopes.SINGLETON);
        bind(CassandraAttachmentMessageIdDAO.class).in(Scopes.SINGLETON);
        bind(CassandraDeletedMessageDAO.class).in(Scopes.SINGLETON);
        bind(CassandraFirstUnseenDAO.class).in(Scopes.SINGLETON);
        // Failed counter writes get the mailbox's counts recomputed (MailboxCounterRepairs).
        bind(RepairReportingMailboxCounterDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMailboxCounterDAO.class).to(RepairReportingMailboxCounterDAO.class);
        bind(CassandraMailboxDAO.class).in(Scopes.SINGLETON);
        bind(CassandraACLDAOV1.class).in(Scopes.SINGLETON);
        bind(CassandraACLDAOV2.class).in(Scopes.SINGLETON);
        bind(CassandraMailboxPathV3DAO.class).in(Scopes.SINGLETON);
        bind(CassandraMailboxRecentsDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMessageDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMessageDAOV3.class).in(Scopes.SINGLETON);
        bind(CassandraMessageIdDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMessageIdToImapUidDAO.class).in(Scopes.SINGLETON);
        bind(CassandraUserMailboxRightsDAO.class).in(Scopes.SINGLETON);
        bind(CassandraThreadDAO.class).in(Scopes.SINGLETON);
        bind(CassandraThreadLookupDAO.class).in(Scopes.SINGLETON);
    }

    private void bindMailboxManager() {
        bind(CassandraMailboxManager.class).in(Scopes.SINGLETON);
        bind(MailboxManager.class).to(CassandraMailboxManager.class);
        bind(StoreMailboxManager.class).to(CassandraMailboxManager.class);
        bind(MailboxManager.class).annotatedWith(Names.named(org.apache.james.modules.Names.MAILBOXMANAGER_NAME))
            .to(MailboxManager.class);
        Multibinder.newSetBinder(binder(), MailboxManagerDefinition.class).addBinding().to(CassandraMailboxManagerDefinition.class);

        bind(CassandraMailboxSessionMapperFactory.class).in(Scopes.SINGLETON);
        bind(MailboxSessionMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(MessageMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(MailboxMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(AttachmentMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(SubscriptionMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(CassandraMailboxMapper.class).in(Scopes.SINGLETON);

        bind(StoreSubscriptionManager.class).in(Scopes.SINGLETON);
        bind(SubscriptionManager.class).to(StoreSubscriptionManager.class);
        bind(StoreAttachmentManager.class).in(Scopes.SINGLETON);
        bind(AttachmentManager.class).to(StoreAttachmentManager.class);
        bind(AttachmentContentLoader.class).to(AttachmentManager.class);
        bind(StoreMessageIdManager.class).in(Scopes.SINGLETON);
        bind(MessageIdManager.class).to(StoreMessageIdManager.class);
        bind(StoreRightManager.class).in(Scopes.SINGLETON);
        bind(RightManager.class).to(StoreRightManager.class);
        bind(SessionProviderImpl.class).in(Scopes.SINGLETON);
        bind(SessionProvider.class).to(SessionProviderImpl.class);
        bind(UserRepositoryAuthenticator.class).in(Scopes.SINGLETON);
        bind(Authenticator.class).to(UserRepositoryAuthenticator.class);

        bind(CassandraId.Factory.class).in(Scopes.SINGLETON);
        bind(MailboxId.Factory.class).to(CassandraId.Factory.class);
        bind(CassandraMessageId.Factory.class).in(Scopes.SINGLETON);
        bind(MessageId.Factory.class).to(CassandraMessageId.Factory.class);
        bind(CassandraThreadIdGuessingAlgorithm.class).in(Scopes.SINGLETON);
        bind(ThreadIdGuessingAlgorithm.class).to(CassandraThreadIdGuessingAlgorithm.class);
        // Not James's providers: ours skip the SERIAL read before each compare-and-set (issue 8), same tables.
        bind(OptimisticModSeqProvider.class).in(Scopes.SINGLETON);
        bind(ModSeqProvider.class).to(OptimisticModSeqProvider.class);
        bind(OptimisticUidProvider.class).in(Scopes.SINGLETON);
        bind(UidProvider.class).to(OptimisticUidProvider.class);
        // Not James's NoMailboxPathLocker: new messages must reach selected IMAP sessions in UID order (issue 12).
        bind(PerMailboxWriteLocker.class).in(Scopes.SINGLETON);
        bind(MailboxPathLocker.class).to(PerMailboxWriteLocker.class);
        bind(ACLMapper.class).to(CassandraACLMapper.class);

        bind(ReIndexerImpl.class).in(Scopes.SINGLETON);
        bind(ReIndexer.class).to(ReIndexerImpl.class);
        bind(MessageIdReIndexerImpl.class).in(Scopes.SINGLETON);
        bind(MessageIdReIndexer.class).to(MessageIdReIndexerImpl.class);
    }

    private void bindQuotas() {
        bind(CassandraCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(CurrentQuotaManager.class).to(CassandraCurrentQuotaManager.class);
        bind(CassandraGlobalMaxQuotaDao.class).in(Scopes.SINGLETON);
        bind(CassandraPerDomainMaxQuotaDao.class).in(Scopes.SINGLETON);
        bind(CassandraPerUserMaxQuotaDao.class).in(Scopes.SINGLETON);
        bind(CachingCassandraMaxQuotaManager.class).in(Scopes.SINGLETON);
        bind(CassandraPerUserMaxQuotaManager.class).to(CachingCassandraMaxQuotaManager.class);
        bind(MaxQuotaManager.class).to(CachingCassandraMaxQuotaManager.class);
        bind(StoreQuotaManager.class).in(Scopes.SINGLETON);
        bind(QuotaManager.class).to(StoreQuotaManager.class);
        bind(DefaultUserQuotaRootResolver.class).in(Scopes.SINGLETON);
        bind(QuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootDeserializer.class).to(DefaultUserQuotaRootResolver.class);
        bind(UserQuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        // Not James's ListeningCurrentQuotaUpdater: it reads the four quota tables again after each change (issue 8).
        bind(CurrentQuotaUpdater.class).in(Scopes.SINGLETON);
        bind(QuotaUpdater.class).to(CurrentQuotaUpdater.class);
        bind(ScanningQuotaSearcher.class).in(Scopes.SINGLETON);
        bind(QuotaSearcher.class).to(ScanningQuotaSearcher.class);
    }

    private void bindTables() {
        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraAclModule.MODULE);
        tables.addBinding().toInstance(CassandraAttachmentModule.MODULE);
        tables.addBinding().toInstance(org.apache.james.mailbox.cassandra.modules.CassandraMailboxModule.MODULE);
        tables.addBinding().toInstance(CassandraMessageModule.MODULE);
        tables.addBinding().toInstance(CassandraMailboxCounterModule.MODULE);
        tables.addBinding().toInstance(CassandraAnnotationModule.MODULE);
        tables.addBinding().toInstance(CassandraApplicableFlagsModule.MODULE);
        tables.addBinding().toInstance(CassandraDeletedMessageModule.MODULE);
        tables.addBinding().toInstance(CassandraFirstUnseenModule.MODULE);
        tables.addBinding().toInstance(CassandraMailboxRecentsModule.MODULE);
        tables.addBinding().toInstance(CassandraModSeqModule.MODULE);
        tables.addBinding().toInstance(CassandraSubscriptionModule.MODULE);
        tables.addBinding().toInstance(CassandraUidModule.MODULE);
        tables.addBinding().toInstance(CassandraThreadModule.MODULE);
        tables.addBinding().toInstance(org.apache.james.mailbox.cassandra.modules.CassandraQuotaModule.MODULE);
    }

    private void bindListenersAndHooks() {
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class)
            .addBinding().to(MailboxAnnotationListener.class);
        Multibinder<EventListener.ReactiveGroupEventListener> reactiveListeners =
            Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class);
        reactiveListeners.addBinding().to(DeleteMessageListener.class);
        reactiveListeners.addBinding().to(CurrentQuotaUpdater.class);
        Multibinder.newSetBinder(binder(), DeleteMessageListener.DeletionCallback.class);

        Multibinder.newSetBinder(binder(), new TypeLiteral<EventDTOModule<? extends Event, ? extends EventDTO>>() {})
            .addBinding().toInstance(ACLModule.ACL_UPDATE);

        Multibinder<BlobReferenceSource> blobReferences = Multibinder.newSetBinder(binder(), BlobReferenceSource.class);
        blobReferences.addBinding().to(AttachmentBlobReferenceSource.class);
        blobReferences.addBinding().to(MessageBlobReferenceSource.class);

        Multibinder<UsernameChangeTaskStep> usernameChange = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
        usernameChange.addBinding().to(MailboxUsernameChangeTaskStep.class);
        usernameChange.addBinding().to(ACLUsernameChangeTaskStep.class);
        usernameChange.addBinding().to(QuotaUsernameChangeTaskStep.class);
    }

    @Provides
    @Singleton
    CassandraACLMapper aclMapper(CassandraACLMapper.StoreV1 legacyStore, CassandraUserMailboxRightsDAO userRights,
                                 CassandraACLDAOV2 acls, CqlSession session, CassandraSchemaVersionManager schemaVersion,
                                 CassandraConfiguration configuration) {
        // ACL changes are event-sourced in their own store, with only the ACL event type registered.
        CassandraEventStore aclEvents = new CassandraEventStore(
            new EventStoreDao(session, JsonEventSerializer.forModules(ACLModule.ACL_UPDATE).withoutNestedType()));
        return new CassandraACLMapper(legacyStore, new CassandraACLMapper.StoreV2(userRights, acls, aclEvents),
            schemaVersion, configuration);
    }

    @Singleton
    static class CassandraMailboxManagerDefinition extends MailboxManagerDefinition {
        @Inject
        CassandraMailboxManagerDefinition(CassandraMailboxManager manager) {
            super("cassandra-mailboxmanager", manager);
        }
    }
}
