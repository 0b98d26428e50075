/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.apache.james.mime4j.util.MimeUtil;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.monitoring.DecisionRecorder;

/**
 * Refuses, at the end of DATA, a message from an authenticated user whose {@code From:} or {@code Sender:} header
 * field names an address that is not the user's own: {@code 550 5.7.1 From: header <ceo@example.com> is not one of
 * your addresses}. The envelope is checked at MAIL FROM ({@link RefuseForeignMailFrom}, James's
 * {@code verifyIdentity}); without this hook a user could put a colleague's address in the From field, which is the
 * one recipients see, and which our DKIM signature would then vouch for.
 *
 * <p>Own addresses: the user's and the sources of the recipient rewrite table that map to it (aliases, alias
 * domains). Every address counts: a From field with several addresses, a group, several From fields. Fields are
 * unfolded and parsed by mime4j, strictly first, then leniently, so that display names (quoted, encoded words) and
 * comments never hide or fake the address; a field in which no address can be found is refused too. A message
 * without a From field passes (nothing is claimed). Unauthenticated sessions are not concerned.
 *
 * <p>For submission ports (587, 465) and port 25, where a user may authenticate too. No parameters.
 */
public class RefuseForeignFromHeader implements JamesMessageHook {
    static final HookResult CANNOT_CHECK = TemporaryFailure.CANNOT_CHECK;
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseForeignFromHeader.class);
    private static final List<String> CHECKED_FIELDS = List.of("From", "Sender");
    private static final int MAX_SHOWN_ADDRESS = 200;

    private final OwnAddresses ownAddresses;
    private final DecisionRecorder decisions;

    /** Refusals are counted as {@code mailfort_mail_rejected_forged_from} and logged as decisions. */
    @Inject
    public RefuseForeignFromHeader(DomainList domains, UsersRepository users, CanSendFrom canSendFrom,
                                   MetricFactory metricFactory) {
        this(new RewriteTableOwnAddresses(domains, users, canSendFrom), metricFactory);
    }

    RefuseForeignFromHeader(OwnAddresses ownAddresses, MetricFactory metricFactory) {
        this.ownAddresses = ownAddresses;
        this.decisions = new DecisionRecorder(metricFactory);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Username user = session.getUsername();
        if (user == null) {
            return HookResult.DECLINED;
        }
        try {
            for (String fieldName : CHECKED_FIELDS) {
                String[] values = mail.getMessage().getHeader(fieldName);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    Optional<String> foreign = firstForeignAddress(user, value);
                    if (foreign.isPresent()) {
                        LOGGER.info("Mail {} of {} refused: {} header names {}", mail.getName(), user.asString(),
                            fieldName, foreign.get());
                        decisions.record(mail, "rejected", Optional.of("forged-from"));
                        return refusal(fieldName, foreign.get());
                    }
                }
            }
        } catch (MessagingException | IllegalStateException e) {
            LOGGER.error("Mail {} of {}: cannot check its From and Sender fields, answering 451", mail.getName(),
                user.asString(), e);
            return CANNOT_CHECK;
        }
        return HookResult.DECLINED;
    }

    /** @return the first address that is not the user's, as shown in the reply ("" when none could be read) */
    private Optional<String> firstForeignAddress(Username user, String value) {
        List<Mailbox> mailboxes = mailboxes(MimeUtil.unfold(value));
        if (mailboxes.isEmpty()) {
            return Optional.of("");
        }
        for (Mailbox mailbox : mailboxes) {
            String address = mailbox.getAddress();
            try {
                if (!ownAddresses.belongsTo(user, new MailAddress(address))) {
                    return Optional.of(address);
                }
            } catch (AddressException e) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    private static List<Mailbox> mailboxes(String value) {
        AddressList addresses;
        try {
            addresses = DefaultAddressParser.DEFAULT.parseAddressList(value);
        } catch (ParseException | RuntimeException e) {
            addresses = LenientAddressParser.DEFAULT.parseAddressList(value);
        }
        List<Mailbox> mailboxes = new ArrayList<>();
        if (addresses != null) {
            addresses.flatten().forEach(mailboxes::add);
        }
        return mailboxes;
    }

    private static HookResult refusal(String fieldName, String address) {
        String description = address.isEmpty()
            ? fieldName + ": header has no address that can be read"
            : fieldName + ": header <" + shown(address) + "> is not one of your addresses";
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " " + description)
            .build();
    }

    /** Only printable ASCII goes back into the reply line, and not too much of it. */
    private static String shown(String address) {
        String printable = address.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.length() <= MAX_SHOWN_ADDRESS ? printable : printable.substring(0, MAX_SHOWN_ADDRESS) + "...";
    }
}
