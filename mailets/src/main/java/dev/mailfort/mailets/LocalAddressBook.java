/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/** What the server knows about its own addresses: its domains, its users and the recipient rewrite table. */
interface LocalAddressBook {

    boolean isLocalDomain(Domain domain) throws MessagingException;

    /** A user of that address exists, or the rewrite table has a mapping for it (alias, forward, group...). */
    boolean receivesMail(MailAddress address) throws MessagingException;

    static LocalAddressBook of(DomainList domains, UsersRepository users, RecipientRewriteTable rewriteTable) {
        return new LocalAddressBook() {
            @Override
            public boolean isLocalDomain(Domain domain) throws MessagingException {
                try {
                    return domains.containsDomain(domain);
                } catch (DomainListException e) {
                    throw new MessagingException("cannot read the domain list", e);
                }
            }

            @Override
            public boolean receivesMail(MailAddress address) throws MessagingException {
                try {
                    if (users.contains(users.getUsername(address))) {
                        return true;
                    }
                    return !rewriteTable.getResolvedMappings(address.getLocalPart(), address.getDomain()).isEmpty();
                } catch (RecipientRewriteTable.ErrorMappingException e) {
                    // An error mapping (or a loop) is a decision about this very address: it is not a sub-address.
                    return true;
                } catch (UsersRepositoryException | RecipientRewriteTableException e) {
                    throw new MessagingException("cannot look up " + address.asString(), e);
                }
            }
        };
    }
}
