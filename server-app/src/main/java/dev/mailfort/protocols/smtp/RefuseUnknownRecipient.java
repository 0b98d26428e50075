/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.fastfail.AbstractValidRcptHandler;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * Refuses, at RCPT, a recipient of one of our domains that no mailbox would receive:
 * {@code 550 5.1.1 Unknown user: <address>} (the reply of James's {@code ValidRcptHandler}, which this replaces in
 * conf/smtpserver.xml). Refusing during the dialogue means we never accept mail we would have to bounce to a sender
 * that may be forged.
 *
 * <p>A recipient is accepted when it is a user, or when the recipient rewrite table resolves it to at least one
 * address that mail can reach: a user of ours, or an address of another domain (a forward). This is where it differs
 * from {@code ValidRcptHandler}, which accepts any address with a mapping, so that {@code nobody@alias-domain}
 * (resolved to {@code nobody@real-domain}, no such user) or an alias to a deleted account was accepted and then
 * bounced. An error mapping or a mapping loop is refused too.
 *
 * <p>Sub-addressing: {@code alice+tag@example.com} is accepted when it fails the test above but
 * {@code alice@example.com} passes it; {@code dev.mailfort.mailets.DeliverSubAddressToBaseUser} then delivers it
 * to the base address. {@code unknown+tag@} is refused like {@code unknown@}.
 *
 * <p>A valid recipient gets DECLINED, not OK: in James's hook chain an OK ends the chain at once, so MaxRcptHandler
 * and James's core RCPT hooks after this one would be skipped for that recipient.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code subAddressSeparator} (default {@code +}): the same characters as the {@code separator} of
 *   {@code DeliverSubAddressToBaseUser}; empty turns sub-addressing off at RCPT.</li>
 * </ul>
 *
 * <pre>{@code
 * <handler class="dev.mailfort.protocols.smtp.RefuseUnknownRecipient">
 *     <subAddressSeparator>+</subAddressSeparator>
 * </handler>
 * }</pre>
 */
public class RefuseUnknownRecipient extends AbstractValidRcptHandler implements ProtocolHandler {
    static final String DEFAULT_SEPARATOR = "+";

    private final UsersRepository users;
    private final RecipientRewriteTable rewriteTable;
    private final DomainList domains;
    private String separators = DEFAULT_SEPARATOR;

    @Inject
    public RefuseUnknownRecipient(UsersRepository users, RecipientRewriteTable rewriteTable, DomainList domains) {
        this.users = users;
        this.rewriteTable = rewriteTable;
        this.domains = domains;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        String configured = config.getString("subAddressSeparator", DEFAULT_SEPARATOR);
        separators = configured == null ? "" : configured.strip();
        if (separators.contains("@") || separators.contains("\"")) {
            throw new ConfigurationException("subAddressSeparator may not contain @ or a quote");
        }
    }

    @Override
    protected boolean isLocalDomain(SMTPSession session, Domain domain) throws DomainListException {
        return domains.containsDomain(domain);
    }

    @Override
    protected boolean isValidRecipient(SMTPSession session, MailAddress recipient)
            throws UsersRepositoryException, RecipientRewriteTableException, DomainListException {
        if (reachesAMailbox(recipient)) {
            return true;
        }
        Optional<MailAddress> base = baseAddress(recipient);
        return base.isPresent() && reachesAMailbox(base.get());
    }

    private boolean reachesAMailbox(MailAddress address)
            throws UsersRepositoryException, RecipientRewriteTableException, DomainListException {
        if (isUser(address)) {
            return true;
        }
        Mappings mappings;
        try {
            mappings = rewriteTable.getResolvedMappings(address.getLocalPart(), address.getDomain());
        } catch (RecipientRewriteTable.ErrorMappingException e) {
            return false;
        }
        for (Mapping mapping : mappings) {
            Optional<MailAddress> target = mapping.asMailAddress();
            if (target.isPresent() && (!domains.containsDomain(target.get().getDomain()) || isUser(target.get()))) {
                return true;
            }
        }
        return false;
    }

    private boolean isUser(MailAddress address) throws UsersRepositoryException {
        return users.contains(users.getUsername(address));
    }

    private Optional<MailAddress> baseAddress(MailAddress recipient) {
        String localPart = recipient.getLocalPart();
        for (int i = 1; i < localPart.length(); i++) {
            if (separators.indexOf(localPart.charAt(i)) >= 0) {
                try {
                    return Optional.of(new MailAddress(localPart.substring(0, i), recipient.getDomain()));
                } catch (AddressException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
