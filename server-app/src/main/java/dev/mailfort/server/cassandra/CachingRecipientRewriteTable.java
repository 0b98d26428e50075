/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

import com.google.common.base.Throwables;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The Cassandra recipient rewrite table (aliases, forwards, groups, domain mappings), with each address's resolved
 * mappings kept for {@link RecipientSettingsCache#expiry()}.
 *
 * <p>The {@code RecipientRewriteTable} mailet resolves every recipient of every message: two reads for an address
 * without mappings (the address, then its domain). Any mapping added or removed through this server (WebAdmin, the
 * console) forgets every kept resolution at once, since one mapping can change how many addresses resolve; a
 * change made through another node of a cluster counts within the expiry. Resolutions that end in an error mapping
 * (a refusal) are not kept.
 */
public class CachingRecipientRewriteTable implements RecipientRewriteTable {
    private record Resolution(String user, Domain domain, EnumSet<Mapping.Type> types) {
    }

    private final CassandraRecipientRewriteTable table;
    private final ExpiringAnswers<Resolution, Mappings> resolved;

    @Inject
    public CachingRecipientRewriteTable(CassandraRecipientRewriteTable table, RecipientSettingsCache cache) {
        this.table = table;
        this.resolved = cache.newAnswers();
    }

    @Override
    public Mappings getResolvedMappings(String user, Domain domain, EnumSet<Mapping.Type> mappingTypes)
            throws ErrorMappingException, RecipientRewriteTableException {
        Resolution resolution = new Resolution(user, domain, EnumSet.copyOf(mappingTypes));
        try {
            return resolved.get(resolution,
                () -> Mono.fromCallable(() -> table.getResolvedMappings(user, domain, mappingTypes))).block();
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            Throwables.throwIfInstanceOf(cause, ErrorMappingException.class);
            Throwables.throwIfInstanceOf(cause, RecipientRewriteTableException.class);
            Throwables.throwIfUnchecked(cause);
            throw e;
        }
    }

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        return table.getStoredMappings(source);
    }

    @Override
    public Map<MappingSource, Mappings> getAllMappings() throws RecipientRewriteTableException {
        return table.getAllMappings();
    }

    @Override
    public RecipientRewriteTableConfiguration getConfiguration() {
        return table.getConfiguration();
    }

    @Override
    public Stream<MappingSource> listSources(Mapping mapping) throws RecipientRewriteTableException {
        return table.listSources(mapping);
    }

    @Override
    public Stream<MappingSource> getSourcesForType(Mapping.Type type) throws RecipientRewriteTableException {
        return table.getSourcesForType(type);
    }

    @Override
    public Stream<Mapping> getMappingsForType(Mapping.Type type) throws RecipientRewriteTableException {
        return table.getMappingsForType(type);
    }

    // Every change below goes through here, not through the table's own add/remove, so each one forgets.

    @FunctionalInterface
    private interface Change {
        void apply() throws RecipientRewriteTableException;
    }

    private void forgettingResolutions(Change change) throws RecipientRewriteTableException {
        try {
            change.apply();
        } finally {
            resolved.forgetAll();
        }
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addMapping(source, mapping));
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeMapping(source, mapping));
    }

    @Override
    public void addRegexMapping(MappingSource source, String regex) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addRegexMapping(source, regex));
    }

    @Override
    public void removeRegexMapping(MappingSource source, String regex) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeRegexMapping(source, regex));
    }

    @Override
    public void addAddressMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addAddressMapping(source, address));
    }

    @Override
    public void removeAddressMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeAddressMapping(source, address));
    }

    @Override
    public void addErrorMapping(MappingSource source, String error) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addErrorMapping(source, error));
    }

    @Override
    public void removeErrorMapping(MappingSource source, String error) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeErrorMapping(source, error));
    }

    @Override
    public void addDomainMapping(MappingSource source, Domain realDomain) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addDomainMapping(source, realDomain));
    }

    @Override
    public void removeDomainMapping(MappingSource source, Domain realDomain) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeDomainMapping(source, realDomain));
    }

    @Override
    public void addDomainAliasMapping(MappingSource source, Domain realDomain) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addDomainAliasMapping(source, realDomain));
    }

    @Override
    public void removeDomainAliasMapping(MappingSource source, Domain realDomain)
            throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeDomainAliasMapping(source, realDomain));
    }

    @Override
    public void addForwardMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addForwardMapping(source, address));
    }

    @Override
    public void removeForwardMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeForwardMapping(source, address));
    }

    @Override
    public void addGroupMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addGroupMapping(source, address));
    }

    @Override
    public void removeGroupMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeGroupMapping(source, address));
    }

    @Override
    public void addAliasMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.addAliasMapping(source, address));
    }

    @Override
    public void removeAliasMapping(MappingSource source, String address) throws RecipientRewriteTableException {
        forgettingResolutions(() -> table.removeAliasMapping(source, address));
    }
}
