/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.sieve.cassandra.CassandraActiveScriptDAO;
import org.apache.james.sieve.cassandra.CassandraSieveDAO;
import org.apache.james.sieve.cassandra.CassandraSieveQuotaDAO;
import org.apache.james.sieve.cassandra.CassandraSieveRepository;
import org.apache.james.sieverepository.api.ScriptContent;
import org.apache.james.sieverepository.api.ScriptName;
import org.apache.james.sieverepository.api.exception.DuplicateException;
import org.apache.james.sieverepository.api.exception.IsActiveException;
import org.apache.james.sieverepository.api.exception.QuotaExceededException;
import org.apache.james.sieverepository.api.exception.ScriptNotFoundException;

/**
 * The Cassandra Sieve repository, with each user's active script (or the fact that there is none) kept for
 * {@link RecipientSettingsCache#expiry()}.
 *
 * <p>The {@code Sieve} mailet asks for the active script at every delivery: one read for a user without a script
 * (most users), three for a user with one. Uploading, activating, renaming or deleting a script through this server
 * (ManageSieve, WebAdmin) forgets that user's script at once, so the next message is filtered by the new one; a
 * change made through another node of a cluster counts within the expiry.
 */
public class CachingCassandraSieveRepository extends CassandraSieveRepository {
    private record ActiveScript(ZonedDateTime activation, byte[] content) {
    }

    private final ExpiringAnswers<Username, Optional<ActiveScript>> activeScripts;

    @Inject
    public CachingCassandraSieveRepository(CassandraSieveDAO sieveDAO, CassandraSieveQuotaDAO quotaDAO,
                                           CassandraActiveScriptDAO activeScriptDAO, RecipientSettingsCache cache) {
        super(sieveDAO, quotaDAO, activeScriptDAO);
        this.activeScripts = cache.newAnswers();
    }

    @Override
    public ZonedDateTime getActivationDateForActiveScript(Username username) throws ScriptNotFoundException {
        return activeScript(username).activation();
    }

    @Override
    public InputStream getActive(Username username) throws ScriptNotFoundException {
        return new ByteArrayInputStream(activeScript(username).content());
    }

    @Override
    public void putScript(Username username, ScriptName name, ScriptContent content) throws QuotaExceededException {
        try {
            super.putScript(username, name, content);
        } finally {
            activeScripts.forget(username);
        }
    }

    @Override
    public void setActive(Username username, ScriptName name) throws ScriptNotFoundException {
        try {
            super.setActive(username, name);
        } finally {
            activeScripts.forget(username);
        }
    }

    @Override
    public void deleteScript(Username username, ScriptName name) throws ScriptNotFoundException, IsActiveException {
        try {
            super.deleteScript(username, name);
        } finally {
            activeScripts.forget(username);
        }
    }

    @Override
    public void renameScript(Username username, ScriptName oldName, ScriptName newName)
            throws ScriptNotFoundException, DuplicateException {
        try {
            super.renameScript(username, oldName, newName);
        } finally {
            activeScripts.forget(username);
        }
    }

    private ActiveScript activeScript(Username username) throws ScriptNotFoundException {
        return activeScripts.getBlocking(username, () -> readActiveScript(username))
            .orElseThrow(ScriptNotFoundException::new);
    }

    private Optional<ActiveScript> readActiveScript(Username username) {
        try {
            ZonedDateTime activation = super.getActivationDateForActiveScript(username);
            try (InputStream content = super.getActive(username)) {
                return Optional.of(new ActiveScript(activation, content.readAllBytes()));
            }
        } catch (ScriptNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
