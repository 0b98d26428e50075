/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.cassandra.CassandraRepositoryConfiguration;
import org.apache.james.user.cassandra.CassandraUsersDAO;
import org.reactivestreams.Publisher;

import com.datastax.oss.driver.api.core.CqlSession;

import reactor.core.publisher.Mono;

/**
 * The Cassandra users table, remembering for {@link RecipientSettingsCache#expiry()} that a user exists.
 *
 * <p>Each delivery asks whether its recipient is one of our users twice (the SMTP recipient check, then the mailet
 * pipeline's {@code RecipientIsLocal}), each time reading the user's row. Only "exists" is kept: a user just created
 * anywhere gets mail at once, and a user deleted through this server is refused at once; a user deleted through
 * another node of a cluster may still be accepted there within the expiry. Passwords are always read, never kept.
 */
public class CachingCassandraUsersDAO extends CassandraUsersDAO {
    private final ExpiringAnswers<Username, Boolean> existing;

    @Inject
    public CachingCassandraUsersDAO(CqlSession session, CassandraRepositoryConfiguration configuration,
                                    RecipientSettingsCache cache) {
        super(session, configuration);
        this.existing = cache.newAnswers();
    }

    @Override
    public boolean contains(Username name) {
        return Mono.from(containsReactive(name)).block();
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        return existing.get(name, () -> Mono.from(super.containsReactive(name)), exists -> exists);
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        try {
            super.removeUser(name);
        } finally {
            existing.forget(name);
        }
    }
}
