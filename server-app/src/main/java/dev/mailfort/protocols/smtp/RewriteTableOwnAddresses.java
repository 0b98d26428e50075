/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * A user's own addresses as James's {@code verifyIdentity} sees them for MAIL FROM, so that the envelope and the
 * header fields follow one rule: the user's own address, or a source of the recipient rewrite table that maps to it
 * (an alias, or the same local part in an alias domain), always in one of our domains.
 */
final class RewriteTableOwnAddresses implements OwnAddresses {
    private final DomainList domains;
    private final UsersRepository users;
    private final CanSendFrom canSendFrom;

    RewriteTableOwnAddresses(DomainList domains, UsersRepository users, CanSendFrom canSendFrom) {
        this.domains = domains;
        this.users = users;
        this.canSendFrom = canSendFrom;
    }

    @Override
    public boolean belongsTo(Username user, MailAddress address) {
        try {
            return domains.containsDomain(address.getDomain())
                && canSendFrom.userCanSendFrom(user, users.getUsername(address));
        } catch (DomainListException | UsersRepositoryException e) {
            // Refusing is the safe answer; the client sees a permanent error and its user can try again.
            throw new IllegalStateException("cannot tell whether " + address + " belongs to " + user.asString(), e);
        }
    }
}
