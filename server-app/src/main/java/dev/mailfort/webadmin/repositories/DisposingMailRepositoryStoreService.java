/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.repositories;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.webadmin.dto.InaccessibleFieldException;
import org.apache.james.webadmin.dto.MailDto;
import org.apache.james.webadmin.service.MailRepositoryStoreService;
import org.apache.mailet.Mail;

/**
 * James's service behind {@code GET /mailRepositories/{path}/mails/{key}}, with the mail it reads disposed of.
 *
 * <p>James 3.8.1 hands the {@code Optional} holding the mail to {@code LifecycleUtil.dispose}, which disposes nothing
 * that is not itself {@code Disposable}. A mail read from a Cassandra repository keeps each blob over 100 KiB in a
 * temporary file until it is disposed of, so every view of a large held mail left a file of its size in
 * {@code java.io.tmpdir}: an admin reviewing a quarantine slowly filled the server's disk.
 *
 * <p>The raw message ({@code Accept: message/rfc822}) is written by the route after this service returns, so it is
 * returned as an in-memory copy: a held mail is at most the SMTP size limit, and an admin downloads one at a time.
 */
public class DisposingMailRepositoryStoreService extends MailRepositoryStoreService {

    @Inject
    public DisposingMailRepositoryStoreService(MailRepositoryStore mailRepositoryStore) {
        super(mailRepositoryStore);
    }

    @Override
    public Optional<MailDto> retrieveMail(MailRepositoryPath path, MailKey mailKey, Set<MailDto.AdditionalField> additionalFields)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException, InaccessibleFieldException {
        Optional<Mail> mail = read(path, mailKey);
        try {
            return mail.isPresent() ? Optional.of(MailDto.fromMail(mail.get(), additionalFields)) : Optional.empty();
        } finally {
            mail.ifPresent(LifecycleUtil::dispose);
        }
    }

    @Override
    public Optional<MimeMessage> retrieveMessage(MailRepositoryPath path, MailKey mailKey)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException {
        Optional<Mail> mail = read(path, mailKey);
        try {
            return mail.isPresent() ? Optional.of(inMemoryCopy(mail.get().getMessage())) : Optional.empty();
        } finally {
            mail.ifPresent(LifecycleUtil::dispose);
        }
    }

    /** The first repository at that path holding the key, as James's own service looks it up. */
    private Optional<Mail> read(MailRepositoryPath path, MailKey mailKey)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException {
        for (MailRepository repository : getRepositories(path).toList()) {
            Mail mail = repository.retrieve(mailKey);
            if (mail != null) {
                return Optional.of(mail);
            }
        }
        return Optional.empty();
    }

    private static MimeMessage inMemoryCopy(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            message.writeTo(bytes);
        } catch (IOException e) {
            throw new MessagingException("Cannot read the held message", e);
        }
        // Parsed, not rebuilt: writeTo gives back these exact bytes, so the download is the message as held.
        return new MimeMessage(null, new ByteArrayInputStream(bytes.toByteArray()));
    }
}
