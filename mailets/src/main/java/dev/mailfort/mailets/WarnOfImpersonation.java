/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.util.MimeUtil;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns the recipient of mail whose sender poses as one of us in the display name while the address is external:
 * {@code "Alice Martin" <payments@lookalike.example>}, shown by most mail clients as just "Alice Martin". Such mail
 * gets a warning header field ({@code X-Mailfort-Impersonation: <why>}) and a subject prefix.
 *
 * <p>A display name poses as one of us when it
 * <ul>
 *   <li>contains an address of one of our domains ({@code "alice@our.example" <x@elsewhere.example>});</li>
 *   <li>contains one of the {@code protectedNames} (letters and digits compared, case and accents ignored);</li>
 *   <li>is the local part of one of our users ({@code "Alice.Martin"} for {@code alice.martin@our.example}), when
 *       {@code matchLocalParts} is on. James knows no real names, so this is as close as it gets: list real names
 *       (executives, finance) in {@code protectedNames}.</li>
 * </ul>
 * Mail whose From address is in one of our domains is not judged here (spoofing our domains is refused at SMTP
 * time). Run it on mail from outside only ({@code IsFromOutside}) and for local recipients only (the
 * {@code local-delivery} processor): the subject of relayed mail is covered by its sender's DKIM signature.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code protectedNames} (default none): comma separated, e.g. {@code Alice Martin, Payroll, CEO}.</li>
 *   <li>{@code matchLocalParts} (default {@code true}).</li>
 *   <li>{@code headerName} (default {@code X-Mailfort-Impersonation}).</li>
 *   <li>{@code subjectPrefix} (default {@code [EXTERNAL]}); empty for none. Not added twice.</li>
 *   <li>{@code userListRefresh} (default {@code 5m}): how long the list of our users is reused before being read
 *       again from the users repository.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.IsFromOutside" class="dev.mailfort.mailets.WarnOfImpersonation">
 *     <protectedNames>Alice Martin, Payroll</protectedNames>
 *     <subjectPrefix>[EXTERNAL]</subjectPrefix>
 * </mailet>
 * }</pre>
 */
public class WarnOfImpersonation extends GenericMailet {
    static final String DEFAULT_HEADER = "X-Mailfort-Impersonation";
    static final String DEFAULT_PREFIX = "[EXTERNAL]";
    private static final Logger LOGGER = LoggerFactory.getLogger(WarnOfImpersonation.class);
    private static final Pattern COMMENT = Pattern.compile("\\(([^()]*)\\)");

    private final Supplier<Collection<String>> readUsers;
    private final Clock clock;
    private DisplayNameImpersonation impersonation;
    private String headerName;
    private String subjectPrefix;
    private Duration userListRefresh;
    private List<String> cachedUsers = List.of();
    private Instant usersReadAt = Instant.MIN;

    @Inject
    public WarnOfImpersonation(UsersRepository users) {
        this(() -> readAll(users), Clock.systemUTC());
    }

    WarnOfImpersonation(Supplier<Collection<String>> readUsers, Clock clock) {
        this.readUsers = readUsers;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        headerName = HeaderNames.require("headerName", getInitParameter("headerName", DEFAULT_HEADER));
        subjectPrefix = getInitParameter("subjectPrefix", DEFAULT_PREFIX).strip();
        try {
            userListRefresh = ParameterValues.duration("userListRefresh", getInitParameter("userListRefresh", "5m"));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage(), e);
        }
        List<String> protectedNames = Arrays.stream(getInitParameter("protectedNames", "").split(","))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .toList();
        impersonation = new DisplayNameImpersonation(protectedNames, getInitParameter("matchLocalParts", true),
            this::isLocalDomain, this::localUsers);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Optional<String> reason = firstImpersonation(message);
        if (reason.isEmpty()) {
            return;
        }
        LOGGER.info("Mail {}: sender impersonates a local sender ({}), warning the recipients", mail.getName(),
            reason.get());
        message.setHeader(headerName, headerValue(reason.get()));
        SubjectPrefix.apply(message, subjectPrefix);
        message.saveChanges();
    }

    private Optional<String> firstImpersonation(MimeMessage message) throws MessagingException {
        String[] fields = message.getHeader("From");
        if (fields == null) {
            return Optional.empty();
        }
        for (String field : fields) {
            String unfolded = MimeUtil.unfold(field);
            MailboxList mailboxes = LenientAddressParser.DEFAULT.parseAddressList(unfolded).flatten();
            for (Mailbox mailbox : mailboxes) {
                // Old style "address (Name)": the parser drops comments, mail clients show them as the name.
                String shownName = mailbox.getName() != null ? mailbox.getName() : comments(unfolded);
                Optional<String> reason = impersonation.judge(shownName, mailbox.getAddress());
                if (reason.isPresent()) {
                    return Optional.of(reason.get() + "; the sender is " + mailbox.getAddress());
                }
            }
        }
        return Optional.empty();
    }

    private static String comments(String field) {
        StringBuilder comments = new StringBuilder();
        Matcher comment = COMMENT.matcher(field);
        while (comment.find()) {
            comments.append(comment.group(1)).append(' ');
        }
        try {
            return MimeUtility.decodeText(comments.toString().strip());
        } catch (UnsupportedEncodingException e) {
            return comments.toString().strip();
        }
    }

    private String headerValue(String reason) throws MessagingException {
        try {
            return MimeUtility.fold(headerName.length() + 2, MimeUtility.encodeText(reason, "UTF-8", "Q"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }

    private boolean isLocalDomain(String domain) {
        try {
            return getMailetContext().isLocalServer(Domain.of(domain));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private synchronized Collection<String> localUsers() {
        Instant now = clock.instant();
        if (usersReadAt.equals(Instant.MIN) || now.isAfter(usersReadAt.plus(userListRefresh))) {
            try {
                cachedUsers = List.copyOf(readUsers.get());
                usersReadAt = now;
            } catch (RuntimeException e) {
                // Keep the last list: a users repository outage must not stop mail delivery.
                LOGGER.warn("Cannot read the list of users, comparing display names with the previous list", e);
            }
        }
        return cachedUsers;
    }

    private static Collection<String> readAll(UsersRepository users) {
        List<String> all = new ArrayList<>();
        try {
            Iterator<Username> names = users.list();
            names.forEachRemaining(name -> all.add(name.asString()));
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    @Override
    public String getMailetInfo() {
        return "Warns of external senders whose display name poses as one of us";
    }
}
