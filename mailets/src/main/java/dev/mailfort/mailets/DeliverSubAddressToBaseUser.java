/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import com.google.common.collect.ImmutableMap;

/**
 * Sub-addressing ("plus addressing"): mail for {@code alice+news@example.com} is delivered to
 * {@code alice@example.com}. Users hand out tagged addresses to see who passes them on, and filter on them.
 *
 * <p>A recipient is rewritten only when all of these hold: its domain is one of ours, its local part contains a
 * separator after at least one character, and the whole address is neither a user nor a source of the recipient
 * rewrite table (an account or an alias really named {@code a+b} keeps its mail). The part before the first separator
 * becomes the local part; what follows is dropped. The base address is not checked here: put this mailet before
 * {@code RecipientRewriteTable}, so that {@code sales+fair@} reaches whoever the alias {@code sales@} maps to, and an
 * unknown base is handled like any unknown recipient. Mail for other domains is never touched. DSN parameters given
 * for the tagged address (RFC 3461 NOTIFY, ORCPT) follow it to the base address.
 *
 * <p>The tag does not choose a folder: delivery goes to the INBOX, and users route tagged mail with a Sieve rule
 * (the {@code To:} header still shows the tagged address; {@code Delivered-To:} shows the base address).
 *
 * <p>At RCPT time, {@code dev.mailfort.protocols.smtp.RefuseUnknownRecipient} accepts a tagged address when its
 * base address is valid, with the same separator setting.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code separator} (default {@code +}): the characters that start a tag; each character is a separator on
 *   its own, as Postfix's {@code recipient_delimiter} (e.g. {@code +-} for both {@code alice+x@} and
 *   {@code alice-x@}). Must not be empty, nor contain {@code @}, a space or a quote.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <processor state="transport">
 *     <mailet match="All" class="dev.mailfort.mailets.DeliverSubAddressToBaseUser">
 *         <separator>+</separator>
 *     </mailet>
 *     <mailet match="All" class="RecipientRewriteTable"/>
 *     ...
 * }</pre>
 */
public class DeliverSubAddressToBaseUser extends GenericMailet {
    static final String DEFAULT_SEPARATOR = "+";

    private final LocalAddressBook addressBook;
    private SubAddressSeparator separator;

    @Inject
    public DeliverSubAddressToBaseUser(DomainList domains, UsersRepository users, RecipientRewriteTable rewriteTable) {
        this(LocalAddressBook.of(domains, users, rewriteTable));
    }

    DeliverSubAddressToBaseUser(LocalAddressBook addressBook) {
        this.addressBook = addressBook;
    }

    @Override
    public void init() throws MessagingException {
        separator = SubAddressSeparator.parse(getInitParameter("separator", DEFAULT_SEPARATOR));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<MailAddress, MailAddress> rewritten = new LinkedHashMap<>();
        List<MailAddress> recipients = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            MailAddress target = baseAddressFor(recipient).orElse(recipient);
            if (!target.equals(recipient)) {
                rewritten.put(recipient, target);
            }
            if (!recipients.contains(target)) {
                recipients.add(target);
            }
        }
        if (rewritten.isEmpty()) {
            return;
        }
        mail.setRecipients(recipients);
        mail.dsnParameters().ifPresent(dsn -> mail.setDsnParameters(moveRecipientParameters(dsn, rewritten)));
    }

    private Optional<MailAddress> baseAddressFor(MailAddress recipient) throws MessagingException {
        Optional<String> baseLocalPart = separator.baseLocalPart(recipient.getLocalPart());
        if (baseLocalPart.isEmpty()
            || !addressBook.isLocalDomain(recipient.getDomain())
            || addressBook.receivesMail(recipient)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailAddress(baseLocalPart.get(), recipient.getDomain()));
        } catch (AddressException e) {
            // e.g. a quoted local part cut in the middle: leave the address as it came.
            return Optional.empty();
        }
    }

    private static DsnParameters moveRecipientParameters(DsnParameters dsn, Map<MailAddress, MailAddress> rewritten) {
        Map<MailAddress, DsnParameters.RecipientDsnParameters> moved = new LinkedHashMap<>();
        dsn.getRcptParameters().forEach((address, parameters) ->
            moved.putIfAbsent(rewritten.getOrDefault(address, address), parameters));
        return dsn.withRcptParameters(ImmutableMap.copyOf(moved));
    }

    @Override
    public String getMailetInfo() {
        return "Delivers mail for user+tag@ to user@";
    }
}
