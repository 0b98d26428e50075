/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.util.streams.Limit;
import org.apache.james.util.streams.Offset;
import org.apache.james.webadmin.service.ReprocessingService;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine workflow on top of James's mail repositories: each {@link QuarantineReason} is one repository, and
 * a release goes through James's {@link ReprocessingService} into the spool queue, so that a released mail is as
 * durable as a mail just received, and keeps the recipients and attributes it had when it was held.
 */
public class QuarantineService {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineService.class);
    static final int PREVIEW_MAX_CHARS = 64 * 1024;

    private final QuarantineReasons reasons;
    private final MailRepositoryStore repositories;
    private final ReprocessingService reprocessing;
    private final TextPreviewExtractor previews = new TextPreviewExtractor(PREVIEW_MAX_CHARS);

    @Inject
    public QuarantineService(QuarantineReasons reasons, MailRepositoryStore repositories,
                             ReprocessingService reprocessing) {
        this.reasons = reasons;
        this.repositories = repositories;
        this.reprocessing = reprocessing;
    }

    public QuarantineReasons reasons() {
        return reasons;
    }

    /**
     * Held mails, newest first. Every mail of the selected quarantines is read to sort and filter them: fine for the
     * hundreds a quarantine holds when someone reviews it, not for millions.
     */
    public List<QuarantinedMail> list(List<QuarantineReason> selected, Optional<MailAddress> recipient,
                                      Offset offset, Limit limit) throws MailRepositoryStore.MailRepositoryStoreException {
        List<QuarantinedMail> found = new ArrayList<>();
        for (QuarantineReason reason : selected) {
            Optional<MailRepository> repository = repositories.get(reason.repository());
            if (repository.isEmpty()) {
                continue;
            }
            Iterator<MailKey> keys = keys(repository.get());
            while (keys.hasNext()) {
                MailKey key = keys.next();
                readForList(reason, repository.get(), key)
                    .filter(summary -> recipient.map(address -> isRecipient(summary, address)).orElse(true))
                    .ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(QuarantinedMail::date, Comparator.nullsLast(Comparator.reverseOrder())));
        return limit.applyOnStream(found.stream().skip(offset.getOffset())).collect(Collectors.toList());
    }

    // One unreadable mail (a lost blob) must not hide the others: it is listed, so that it can be deleted.
    private static Optional<QuarantinedMail> readForList(QuarantineReason reason, MailRepository repository, MailKey key) {
        try {
            return read(reason, repository, key, mail -> summary(reason, key, mail));
        } catch (QuarantineUnavailableException e) {
            LOGGER.warn("Quarantine '{}': mail {} cannot be read", reason.name(), key.asString(), e);
            return Optional.of(new QuarantinedMail(key.asString(), reason.name(),
                new Verdict("unreadable, see the server log", Map.of()), null, List.of(), null, null, null));
        }
    }

    private static boolean isRecipient(QuarantinedMail mail, MailAddress address) {
        return mail.recipients().stream().anyMatch(recipient -> recipient.equalsIgnoreCase(address.asString()));
    }

    public Optional<QuarantinedMailView> view(QuarantineReason reason, MailKey key)
            throws MailRepositoryStore.MailRepositoryStoreException {
        return withRepository(reason, repository -> read(reason, repository, key, mail -> view(reason, key, mail)));
    }

    /**
     * Reads one held mail into {@code T} (the mail is disposed of right after); empty when it is gone. For checks a
     * workflow makes on the mail itself before acting on it.
     */
    public <T> Optional<T> inspect(QuarantineReason reason, MailKey key, Function<Mail, T> reader)
            throws MailRepositoryStore.MailRepositoryStoreException {
        return withRepository(reason, repository -> read(reason, repository, key, reader));
    }

    /** Puts the mail back in the spool queue at the reason's release processor, then out of the quarantine. */
    public Optional<ReleasedMail> release(QuarantineReason reason, MailKey key)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException {
        return release(reason, key, reason.releaseProcessor());
    }

    /** Like {@link #release(QuarantineReason, MailKey)}, into the given processor. */
    public Optional<ReleasedMail> release(QuarantineReason reason, MailKey key, String processor)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException {
        Optional<QuarantinedMail> held = withRepository(reason,
            repository -> read(reason, repository, key, mail -> summary(reason, key, mail)));
        if (held.isEmpty()) {
            return Optional.empty();
        }
        try {
            reprocessing.reprocess(reason.repository().getPath(), key, new ReprocessingService.Configuration(
                MailQueueFactory.SPOOL, Optional.of(processor), Optional.empty(), true, Limit.unlimited()));
        } catch (ReprocessingService.MissingKeyException e) {
            // Deleted or released by someone else between the two reads.
            return Optional.empty();
        }
        LOGGER.info("Quarantine '{}': released mail {} into processor '{}' for {} recipient(s)",
            reason.name(), key.asString(), processor, held.get().recipients().size());
        return Optional.of(ReleasedMail.of(held.get(), processor));
    }

    public boolean delete(QuarantineReason reason, MailKey key)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException {
        Optional<MailRepository> repository = repositories.get(reason.repository());
        if (repository.isEmpty() || !contains(repository.get(), key)) {
            return false;
        }
        repository.get().remove(key);
        LOGGER.info("Quarantine '{}': deleted mail {}", reason.name(), key.asString());
        return true;
    }

    private <T> Optional<T> withRepository(QuarantineReason reason, Function<MailRepository, Optional<T>> action)
            throws MailRepositoryStore.MailRepositoryStoreException {
        return repositories.get(reason.repository()).flatMap(action);
    }

    private static Iterator<MailKey> keys(MailRepository repository) {
        try {
            return repository.list();
        } catch (MessagingException e) {
            throw new QuarantineUnavailableException("Cannot list " + repository, e);
        }
    }

    private static boolean contains(MailRepository repository, MailKey key) throws MessagingException {
        Mail mail = repository.retrieve(key);
        LifecycleUtil.dispose(mail);
        return mail != null;
    }

    /** Reads one held mail into {@code T}; empty when it is gone. The mail is disposed of as soon as it is read. */
    private static <T> Optional<T> read(QuarantineReason reason, MailRepository repository, MailKey key,
                                        Function<Mail, T> reader) {
        Mail mail;
        try {
            mail = repository.retrieve(key);
        } catch (MessagingException | RuntimeException e) {
            throw new QuarantineUnavailableException("Cannot read mail " + key.asString() + " held for "
                + reason.name(), e);
        }
        if (mail == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(mail));
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    private static QuarantinedMail summary(QuarantineReason reason, MailKey key, Mail mail) {
        return new QuarantinedMail(key.asString(), reason.name(), VerdictReader.read(mail),
            mail.getMaybeSender().asString("<>"),
            mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList()),
            subject(mail), Optional.ofNullable(mail.getLastUpdated()).map(Date::toInstant).orElse(null),
            size(mail));
    }

    private QuarantinedMailView view(QuarantineReason reason, MailKey key, Mail mail) {
        QuarantinedMail summary = summary(reason, key, mail);
        List<HeaderField> headers = new ArrayList<>();
        String headersProblem = null;
        TextPreview preview;
        try {
            MimeMessage message = mail.getMessage();
            try {
                Enumeration<Header> all = message.getAllHeaders();
                for (Header header : Collections.list(all)) {
                    headers.add(new HeaderField(header.getName(), MimeUtility.unfold(header.getValue())));
                }
            } catch (MessagingException | RuntimeException e) {
                headersProblem = "The headers could not all be read: " + e.getMessage();
            }
            preview = previews.extract(message);
        } catch (MessagingException e) {
            preview = TextPreview.unavailable("The message could not be read: " + e.getMessage());
        }
        return new QuarantinedMailView(summary.key(), summary.reason(), summary.verdict(), summary.sender(),
            summary.recipients(), summary.subject(), summary.date(), summary.size(), reason.releaseProcessor(),
            headers, headersProblem, preview);
    }

    // Decoded (RFC 2047) when possible; the raw header of a malformed mail is still better than nothing.
    private static String subject(Mail mail) {
        try {
            return mail.getMessage().getSubject();
        } catch (MessagingException | RuntimeException e) {
            try {
                return mail.getMessage().getHeader("Subject", null);
            } catch (MessagingException | RuntimeException again) {
                return null;
            }
        }
    }

    private static Long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
